package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification keys from a JWKS URL, served by a real HTTP server on the loopback interface that
 * the test changes while the service runs: the keys published at start verify; a key published
 * later verifies its first token (an unknown kid fetches again, at most once per
 * {@code unknown-kid-refetch-interval} however many forged kids arrive); the interval fetch runs
 * in the background and a key no longer published stops verifying, kept tokens included; a fetch
 * that fails keeps the last good set and fires an event; HTTPS is verified against the JVM's trusted
 * certificates; and an address or a document that cannot be trusted stops the application at
 * start. Time is the test clock's; nothing sleeps.
 */
class JwksUrlTest {

  private static final KeyPair A = Pem.ec("secp256r1");
  private static final KeyPair B = Pem.ec("secp256r1");
  private static final Duration INTERVAL = JwtSettings.DEFAULT_KEY_REFRESH_INTERVAL;
  private static final Duration REFETCH = JwtSettings.DEFAULT_UNKNOWN_KID_REFETCH;

  @org.junit.jupiter.api.extension.RegisterExtension
  final dev.gatehouse.testkit.LogCapture log =
      dev.gatehouse.testkit.LogCapture.of("dev.gatehouse.jwt");

  private Jwks jwks;
  private EmbeddedServer server;
  private MutableClock clock;

  /** The identity provider's JWKS endpoint: what it answers is the test's to change. */
  static final class Jwks implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger fetches = new AtomicInteger();
    private boolean closed;
    private volatile int status = 200;
    private volatile String body;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile CountDownLatch held = new CountDownLatch(0);

    Jwks(String body) throws IOException {
      this.body = body;
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext("/jwks", exchange -> {
        fetches.incrementAndGet();
        held.countDown();
        try {
          hold.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      });
      http.setExecutor(threads);
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/jwks";
    }

    void publish(String json) {
      this.body = json;
      this.status = 200;
    }

    void fail(int code, String text) {
      this.status = code;
      this.body = text;
    }

    /** Holds every answer until {@link #release()}; {@link #awaitHeld()} waits for a request. */
    void holdAnswers() {
      held = new CountDownLatch(1);
      hold = new CountDownLatch(1);
    }

    void awaitHeld() throws InterruptedException {
      assertThat(held.await(60, TimeUnit.SECONDS)).as("a fetch reached the JWKS server").isTrue();
    }

    void release() {
      hold.countDown();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release();
        http.stop(0);
        threads.shutdownNow();
      }
    }
  }

  static String jwks(Object... kidAndKey) {
    StringBuilder json = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < kidAndKey.length; i += 2) {
      try {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory
            .newPublicJwk(((KeyPair) kidAndKey[i + 1]).getPublic());
        jwk.setKeyId((String) kidAndKey[i]);
        json.append(i == 0 ? "" : ",").append(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return json.append("]}").toString();
  }

  @BeforeEach
  void identityProvider() throws IOException {
    jwks = new Jwks(jwks("a", A));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    jwks.close();
  }

  private EmbeddedServer.Builder service() {
    return Servers.base().property("gatehouse.jwt.algorithm", "ES256")
        .property("gatehouse.jwt.verify-keys-url", jwks.url());
  }

  private void start(EmbeddedServer.Builder builder) {
    server = builder.build().start();
    clock = server.cdi().select(MutableClock.class).get();
  }

  private String token(KeyPair signer, String kid) {
    return Forge.valid(Base64.getEncoder().encodeToString(new byte[32]), clock.instant())
        .header("alg", "ES256").header("kid", kid).key(signer.getPrivate()).sign();
  }

  private int me(String token) {
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token).get("/me").statusCode();
  }

  private List<SecurityEvent> events(String reason) {
    return server.cdi().select(RecordedEvents.class).get().all().stream()
        .filter(e -> reason.equals(e.reason())).toList();
  }

  /** Polls {@code condition} — the background fetch finishing — for at most a minute. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20); // the interval of a bounded poll, not a wait for time
    }
  }

  @Test
  void verifiesTokensWithTheKeysPublishedAtTheJwksUrl() {
    start(service());
    assertThat(jwks.fetches.get()).as("fetched once, at start").isEqualTo(1);
    assertThat(me(token(A, "a"))).isEqualTo(200);
    assertThat(me(token(B, "a"))).as("another key under a published kid").isEqualTo(401);
    assertThat(jwks.fetches.get()).isEqualTo(1);
  }

  @Test
  void aKeyPublishedLaterVerifiesItsFirstTokenAndUnknownKidsFetchAtMostOncePerInterval() {
    start(service());
    jwks.publish(jwks("a", A, "b", B));
    clock.advance(REFETCH);
    assertThat(me(token(B, "b"))).as("the first token of a newly published key").isEqualTo(200);
    assertThat(jwks.fetches.get()).isEqualTo(2);
    assertThat(events("verification_keys_changed")).singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(SecurityEventType.KEY_ROTATED));

    for (int i = 0; i < 20; i++) {
      assertThat(me(token(B, UUID.randomUUID().toString()))).isEqualTo(401);
    }
    assertThat(jwks.fetches.get()).as("forged kids within the refetch interval").isEqualTo(2);
    clock.advance(REFETCH);
    for (int i = 0; i < 20; i++) {
      assertThat(me(token(B, UUID.randomUUID().toString()))).isEqualTo(401);
    }
    assertThat(jwks.fetches.get()).as("one more fetch per refetch interval").isEqualTo(3);
    assertThat(me(token(A, "a"))).isEqualTo(200);
    assertThat(me(token(B, "b"))).isEqualTo(200);
  }

  @Test
  void theIntervalFetchRunsInTheBackgroundAndAWithdrawnKeyStopsVerifyingKeptTokensIncluded()
      throws Exception {
    start(service());
    String kept = token(A, "a");
    assertThat(me(kept)).isEqualTo(200);
    jwks.publish(jwks("b", B));
    jwks.holdAnswers();
    clock.advance(INTERVAL);
    assertThat(me(kept)).as("answered while the fetch is held, with the keys in force")
        .isEqualTo(200);
    jwks.awaitHeld();
    assertThat(me(kept)).as("still answered while the fetch is held").isEqualTo(200);
    jwks.release();
    await("the withdrawn key stops verifying", () -> me(kept) == 401);
    assertThat(me(token(A, "a"))).isEqualTo(401);
    assertThat(me(token(B, "b"))).isEqualTo(200);
    assertThat(jwks.fetches.get()).isEqualTo(2);
    assertThat(events("key_withdrawn")).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.KEY_ROTATED);
      assertThat(e.subject()).isEqualTo("a");
    });
  }

  /** A key as an identity provider publishes it beside its signature key, for encryption. */
  static String encryptionKey(String kid, KeyPair key) {
    try {
      PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.getPublic());
      jwk.setKeyId(kid);
      jwk.setUse("enc");
      jwk.setAlgorithm("RSA-OAEP");
      return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code jwks(...)} with more keys, given as JSON, appended. */
  static String with(String jwks, String... keys) {
    return jwks.substring(0, jwks.length() - 2) + "," + String.join(",", keys) + "]}";
  }

  @Test
  void withdrawingAKeyStopsItAtOnceWhenTheNewDocumentAlsoPublishesAnEncryptionKey()
      throws Exception {
    // the independent review's case: {k1} becomes {k2, e1 "use": "enc"}; were e1 to make the
    // whole document unusable, k1 would stay in force and k2's tokens be refused
    start(service());
    String cached = token(A, "a");
    assertThat(me(cached)).isEqualTo(200);
    jwks.publish(with(jwks("b", B), encryptionKey("e1", Pem.rsa(2048))));
    clock.advance(INTERVAL);
    me(cached); // starts the background fetch
    await("the withdrawn key stops verifying", () -> me(cached) == 401);
    assertThat(me(token(A, "a"))).as("a token newly forged with the withdrawn key").isEqualTo(401);
    assertThat(me(token(B, "b"))).as("the provider's new key").isEqualTo(200);
    assertThat(events("key_refresh_failed")).isEmpty();
    assertThat(events("key_withdrawn")).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("a"));
  }

  @Test
  void startsWithAKeycloakShapedDocumentAndNamesTheSkippedEncryptionKeyOnce() throws Exception {
    KeyPair rsa = Pem.rsa(2048);
    jwks.publish(with(jwks("sig-1", rsa), encryptionKey("enc-1", Pem.rsa(2048))));
    start(service().property("gatehouse.jwt.algorithm", "RS256"));
    String rs256 = Forge.valid(Base64.getEncoder().encodeToString(new byte[32]), clock.instant())
        .header("alg", "RS256").header("kid", "sig-1").key(rsa.getPrivate()).sign();
    assertThat(me(rs256)).isEqualTo(200);
    assertThat(log.messages()).filteredOn(m -> m.contains("enc-1")).containsExactly(
        "Gatehouse JWT skips the JWKS key \"enc-1\" of the JWKS at " + jwks.url() + ": it is not"
            + " a signature key (\"use\": \"enc\"); a key published for encryption must not"
            + " verify tokens: configure the issuer's signature key, with \"use\": \"sig\" or"
            + " no \"use\"");
    for (int fetches = 2; fetches <= 4; fetches++) {
      // a fetch starts only once the one before has finished: after the fourth has started, the
      // second and third have logged whatever they would
      clock.advance(INTERVAL);
      int n = fetches;
      await("fetch " + n, () -> me(rs256) == 200 && jwks.fetches.get() == n);
    }
    assertThat(me(rs256)).isEqualTo(200);
    assertThat(log.messages()).as("named once, not at every fetch")
        .filteredOn(m -> m.contains("enc-1")).hasSize(1);
  }

  @Test
  void settingsBuiltInCodeFetchTheJwksUrlAgainToo() throws Exception {
    JwtSettings inCode = JwtSettings.builder().issuer(Servers.ISSUER).audience(Servers.AUDIENCE)
        .algorithm("ES256").verificationKeysUrl(jwks.url()).build();
    assertThat(inCode.verificationKeysUrl()).hasValueSatisfying(u ->
        assertThat(u.toString()).isEqualTo(jwks.url()));
    start(EmbeddedServer.builder().registerInstances(new GatehouseJwtFeature(inCode))
        .register(dev.gatehouse.jwt.support.TestResources.Me.class));
    assertThat(me(token(A, "a"))).isEqualTo(200);
    jwks.publish(jwks("b", B));
    clock.advance(INTERVAL);
    me(token(A, "a")); // starts the background fetch
    await("the withdrawn key stops verifying", () -> me(token(A, "a")) == 401);
    assertThat(me(token(B, "b"))).isEqualTo(200);
  }

  @Test
  void aFetchThatFailsKeepsTheLastGoodSetAndFiresAnEvent() throws Exception {
    start(service());
    String[][] failures = {
        {"503", "unavailable"},
        {"200", "<html>login</html>"},
        {"200", "{\"keys\":[]}"},
        {"200", jwks("weak", Pem.rsa(1024))}};
    int failed = 0;
    for (String[] failure : failures) {
      jwks.fail(Integer.parseInt(failure[0]), failure[1]);
      clock.advance(INTERVAL);
      me(token(A, "a")); // starts the fetch
      int expected = ++failed;
      await("the refresh fails: " + failure[1], () ->
          events("key_refresh_failed").size() == expected);
      assertThat(me(token(A, "a"))).as("after " + failure[0] + " " + failure[1]).isEqualTo(200);
    }
    jwks.close(); // the identity provider is gone: connections refused
    clock.advance(INTERVAL);
    me(token(A, "a"));
    await("the refresh fails: connection refused", () ->
        events("key_refresh_failed").size() == failures.length + 1);
    assertThat(me(token(A, "a"))).isEqualTo(200);
    assertThat(events("key_refresh_failed")).allSatisfy(e ->
        assertThat(e.type()).isEqualTo(SecurityEventType.SERVER_ERROR));
    assertThat(events("verification_keys_changed")).isEmpty();
  }

  @Test
  void refusesToStartWhenTheJwksUrlCannotBeFetchedOrServesNoUsableKey() {
    jwks.fail(404, "not found");
    assertThat(problems(service())).singleElement().asString().startsWith(
        "gatehouse.jwt.verify-keys-url: \"" + jwks.url() + "\" answered HTTP 404 instead of 200");
    jwks.publish(jwks("weak", Pem.rsa(1024)));
    assertThat(problems(service().property("gatehouse.jwt.algorithm", "RS256")))
        .singleElement().asString().startsWith("gatehouse.jwt.verify-keys-url: \"" + jwks.url()
            + "\" serves a document that cannot be used: it ")
        .contains("1024");
    jwks.close();
    assertThat(problems(service())).singleElement().asString().startsWith(
        "gatehouse.jwt.verify-keys-url: \"" + jwks.url() + "\" could not be fetched (");
  }

  @Test
  void refusesPlainHttpToAnyHostButLoopbackAndOtherKeySourcesBeside() {
    assertThat(problems(Servers.base().property("gatehouse.jwt.algorithm", "ES256")
        .property("gatehouse.jwt.verify-keys-url", "http://idp.example.com/jwks")))
        .singleElement().asString().startsWith("gatehouse.jwt.verify-keys-url:"
            + " \"http://idp.example.com/jwks\" must use https");
    assertThat(problems(Servers.base().property("gatehouse.jwt.algorithm", "ES256")
        .property("gatehouse.jwt.verify-keys-url", "https://user:pw@idp.example.com/jwks")))
        .singleElement().asString().contains("carries credentials").doesNotContain("pw");
    assertThat(problems(service().property("gatehouse.jwt.verify-keys", jwks("a", A))))
        .containsExactly("gatehouse.jwt.verify-keys-url: and gatehouse.jwt.verify-keys are both"
            + " set; keep one");
    assertThat(problems(Servers.base().property("gatehouse.jwt.secret", Servers.secret(32))
        .property("gatehouse.jwt.verify-keys-url", jwks.url()))).singleElement().asString()
        .contains("are for asymmetric algorithms");
  }

  @Test
  void anHttpsJwksIsFetchedOnlyFromAServerWhoseCertificateThisJvmTrusts(@TempDir Path dir)
      throws Exception {
    char[] password = "jwks-test".toCharArray();
    Path store = dir.resolve("idp.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "idp", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
        new String(password)).redirectErrorStream(true).start();
    String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(out).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, password);
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, password);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(km.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    byte[] body = jwks("a", A).getBytes(StandardCharsets.UTF_8);
    https.createContext("/jwks", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(body);
      }
    });
    https.start();
    String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/jwks";
    SSLSocketFactory jvmDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
    try {
      assertThat(problems(service().property("gatehouse.jwt.verify-keys-url", url)))
          .as("a certificate this JVM does not trust").singleElement().asString()
          .startsWith("gatehouse.jwt.verify-keys-url: \"" + url + "\" could not be fetched"
              + " (SSLHandshakeException");

      TrustManagerFactory tm = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      tm.init(keys); // the identity provider's certificate, as a trust store would hold it
      SSLContext trusting = SSLContext.getInstance("TLS");
      trusting.init(null, tm.getTrustManagers(), null);
      HttpsURLConnection.setDefaultSSLSocketFactory(trusting.getSocketFactory());
      start(service().property("gatehouse.jwt.verify-keys-url", url));
      assertThat(me(token(A, "a"))).isEqualTo(200);
    } finally {
      HttpsURLConnection.setDefaultSSLSocketFactory(jvmDefault);
      https.stop(0);
    }
  }

  private static List<String> problems(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class).problems();
  }
}
