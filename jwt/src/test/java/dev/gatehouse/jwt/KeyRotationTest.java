package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.MutableClock;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys rotated without a restart: the key file is replaced under a running server (atomically, as
 * Kubernetes swaps a mounted secret) while requests flow; after {@code key-refresh-interval} on the
 * test clock, new tokens carry the new kid, tokens signed with the old key keep working until
 * they expire, and the old key stops verifying once every token it signed has expired. Nothing
 * sleeps: time is the test clock's.
 */
class KeyRotationTest {

  private static final Duration INTERVAL = JwtSettings.DEFAULT_KEY_REFRESH_INTERVAL;
  /** max-token-age (the access-token TTL, PT15M) + clock skew (PT30S). */
  private static final Duration GRACE = Duration.ofMinutes(15).plusSeconds(30);

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse.jwt");

  @TempDir
  Path dir;

  private EmbeddedServer server;
  private MutableClock clock;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** Replaces {@code file} in one step, as a mounted secret is swapped. */
  private void mount(Path file, String content) throws Exception {
    Path next = Files.createTempFile(dir, "next", ".tmp");
    Files.writeString(next, content + "\n");
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void start(EmbeddedServer.Builder builder) {
    server = builder.build().start();
    clock = server.cdi().select(MutableClock.class).get();
  }

  private Response login(String subject) {
    return given().baseUri(server.baseUri().toString()).contentType("application/json")
        .body(Map.of("subject", subject)).post("/auth/login");
  }

  private int me(String token) {
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token).get("/me").statusCode();
  }

  private static String kid(String token) {
    String header = new String(Base64.getUrlDecoder().decode(token.substring(0,
        token.indexOf('.'))), StandardCharsets.UTF_8);
    return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
  }

  private static String hmacKid(String secretBase64) {
    return Forge.hmacKid(Base64.getDecoder().decode(secretBase64));
  }

  private List<SecurityEvent> rotations() {
    return server.cdi().select(RecordedEvents.class).get().all().stream()
        .filter(e -> e.type() == SecurityEventType.KEY_ROTATED).toList();
  }

  /** Requests from several threads — logins and calls with their tokens — until stopped. */
  private final class Flow implements AutoCloseable {
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> kids = new ConcurrentLinkedQueue<>();
    private final List<Future<?>> work = new ArrayList<>();
    private volatile CountDownLatch seen = new CountDownLatch(0);
    private volatile String awaited = "";

    Flow(List<String> oldTokens) {
      for (int t = 0; t < 4; t++) {
        String old = oldTokens.get(t % oldTokens.size());
        int n = t;
        work.add(threads.submit(() -> {
          while (running.get()) {
            Response r = login("flow-" + n);
            if (r.statusCode() != 200) {
              failures.add("login " + r.statusCode());
              continue;
            }
            String token = r.jsonPath().getString("access_token");
            kids.add(kid(token));
            if (kid(token).equals(awaited)) {
              seen.countDown();
            }
            for (String call : List.of(token, old)) {
              int status = me(call);
              if (status != 200) {
                failures.add("me " + status + " with kid " + kid(call));
              }
            }
          }
        }));
      }
    }

    /** Waits until tokens with {@code kid} came back to the flow {@code times} times. */
    void awaitTokensWith(String kid, int times) throws InterruptedException {
      seen = new CountDownLatch(times);
      awaited = kid;
      assertThat(seen.await(60, TimeUnit.SECONDS)).as("tokens with kid " + kid).isTrue();
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
      threads.shutdown();
    }
  }

  @Test
  void aRotatedSecretFileSignsNewTokensWhileOldTokensLiveOutTheirLifetime() throws Exception {
    String oldSecret = Servers.secret(32);
    String newSecret = Servers.secret(32);
    Path file = dir.resolve("jwt-secret");
    mount(file, oldSecret);
    start(Servers.base().property("gatehouse.jwt.secret-file", file.toString()));
    List<String> oldTokens = List.of(login("a").jsonPath().getString("access_token"),
        login("b").jsonPath().getString("access_token"));
    assertThat(kid(oldTokens.get(0))).isEqualTo(hmacKid(oldSecret));

    try (Flow flow = new Flow(oldTokens)) {
      flow.awaitTokensWith(hmacKid(oldSecret), 8);
      mount(file, newSecret);
      flow.awaitTokensWith(hmacKid(oldSecret), 8); // within the interval, the old key still signs
      clock.advance(INTERVAL);
      flow.awaitTokensWith(hmacKid(newSecret), 8);
      flow.awaitTokensWith(hmacKid(newSecret), 8);
      flow.close();
      assertThat(flow.failures).as("requests that failed while the key rotated").isEmpty();
    }
    String fresh = login("c").jsonPath().getString("access_token");
    assertThat(kid(fresh)).isEqualTo(hmacKid(newSecret));
    assertThat(me(fresh)).isEqualTo(200);
    assertThat(me(oldTokens.get(0))).as("a token of the old key, still alive").isEqualTo(200);
    assertThat(rotations()).singleElement().satisfies(e -> {
      assertThat(e.subject()).isEqualTo(hmacKid(newSecret));
      assertThat(e.reason()).isEqualTo("signing_key_rotated");
      assertThat(e.toJson()).doesNotContain(newSecret).doesNotContain(oldSecret);
    });

    // the old key verifies until every token it signed has expired, then is dropped
    clock.advance(GRACE.minusSeconds(1));
    assertThat(me(Forge.valid(oldSecret, clock.instant()).sign()))
        .as("the old key within max-token-age + skew of the rotation").isEqualTo(200);
    clock.advance(INTERVAL);
    assertThat(me(Forge.valid(oldSecret, clock.instant()).sign()))
        .as("a token signed with the dropped key").isEqualTo(401);
    assertThat(me(oldTokens.get(0))).as("an old token past its lifetime").isEqualTo(401);
    assertThat(me(Forge.valid(newSecret, clock.instant()).sign())).isEqualTo(200);
    assertThat(rotations()).last().satisfies(e -> {
      assertThat(e.subject()).isEqualTo(hmacKid(oldSecret));
      assertThat(e.reason()).isEqualTo("previous_key_dropped");
    });
  }

  @Test
  void aKeyFileThatCannotBeReadKeepsTheKeysInForce() throws Exception {
    String secret = Servers.secret(32);
    Path file = dir.resolve("jwt-secret");
    mount(file, secret);
    start(Servers.base().property("gatehouse.jwt.secret-file", file.toString()));
    String token = login("a").jsonPath().getString("access_token");
    Files.writeString(file, ""); // a half-written file, as a non-atomic copy leaves it
    clock.advance(INTERVAL);
    assertThat(me(Forge.valid(secret, clock.instant()).sign())).isEqualTo(200);
    assertThat(kid(login("b").jsonPath().getString("access_token"))).isEqualTo(hmacKid(secret));
    assertThat(me(token)).isEqualTo(200);
    assertThat(rotations()).isEmpty();
    assertThat(server.cdi().select(RecordedEvents.class).get().all())
        .anyMatch(e -> e.type() == SecurityEventType.SERVER_ERROR
            && e.reason().equals("key_refresh_failed"));
    assertThat(log.messages(Level.WARNING)).singleElement().asString().startsWith(
        "Gatehouse JWT keeps the keys in force: the key files could not be read again"
            + " (gatehouse.jwt.secret-file: \"" + file + "\" is empty")
        .doesNotContain(secret);
  }

  @Test
  void aNewSigningKeyPairFromFilesSignsWithItsThumbprintAndTheOldPublicKeyStaysForOldTokens()
      throws Exception {
    KeyPair before = Pem.rsa(2048);
    KeyPair after = Pem.rsa(2048);
    Path signKey = dir.resolve("sign-key.pem");
    Path verifyKeys = dir.resolve("verify-keys.pem");
    mount(signKey, Pem.of(before.getPrivate()));
    mount(verifyKeys, Pem.of(before.getPublic()));
    start(Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.sign-key-file", signKey.toString())
        .property("gatehouse.jwt.verify-keys-file", verifyKeys.toString()));
    String old = login("a").jsonPath().getString("access_token");
    mount(verifyKeys, Pem.of(after.getPublic()));
    mount(signKey, Pem.of(after.getPrivate()));
    clock.advance(INTERVAL);
    String fresh = login("b").jsonPath().getString("access_token");
    String newKid = AsymmetricKeysTest.thumbprint(after);
    assertThat(kid(fresh)).isEqualTo(newKid).isNotEqualTo(kid(old));
    assertThat(me(fresh)).isEqualTo(200);
    assertThat(me(old)).isEqualTo(200);
    assertThat(rotations()).singleElement().satisfies(e -> assertThat(e.subject())
        .isEqualTo(newKid));
  }
}
