package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.internal.JwtRuntime;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.redis.GatehouseRedis;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.MutableClock;
import dev.gatehouse.testkit.RedisTestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each secret — the HMAC secret, the RSA signing key, the Redis password — set as a property and
 * as a mounted file, through a whole working life of a server (logins, refreshes, a replayed
 * refresh token, forged and malformed tokens, a body smuggling the secret in an unknown field) and
 * through refused start-ups with a wrong setting beside it: no log record (any logger, with
 * parameters and stack traces; slf4j is routed to java.util.logging here, so Jedis and Jetty
 * count), nothing on standard output or error, no security event, no response body or header, no
 * {@code toString()} of a settings object and no refusal message holds the secret — as text, in
 * base64, base64url or hex.
 */
class SecretLeakIT {

  private static final String REDIS_PASSWORD = hex(random(16));

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.ownEmbedded("requirepass "
      + REDIS_PASSWORD);

  @RegisterExtension
  final LogCapture log = LogCapture.of("");

  private final List<String> captured = new ArrayList<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;
  private final Map<String, Level> levels = Map.of("dev.gatehouse", Level.ALL,
      "redis.clients", Level.ALL);

  @BeforeEach
  void captureConsoleAndDetail() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(new Tee(stdout, console), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(stderr, console), true, StandardCharsets.UTF_8));
    levels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
    levels.keySet().forEach(name -> Logger.getLogger(name).setLevel(null));
  }

  // --- the secrets and the forms they could leak in

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The secret as configured, and its bytes in base64, base64url, hex and as Latin-1 text. */
  private static List<String> forms(byte[] bytes, String... asConfigured) {
    List<String> forms = new ArrayList<>(List.of(asConfigured));
    forms.add(Base64.getEncoder().encodeToString(bytes));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    forms.add(hex(bytes));
    forms.add(hex(bytes).toUpperCase(java.util.Locale.ROOT));
    forms.add(new String(bytes, StandardCharsets.ISO_8859_1));
    return forms;
  }

  private static List<String> passwordForms(String password) {
    return forms(password.getBytes(StandardCharsets.UTF_8), password);
  }

  /**
   * A private key's secret parts: the private exponent and a prime in decimal and hex, and every
   * full PEM line after the public modulus (the lines before it are shared with the public key).
   */
  private static List<String> privateKeyForms(KeyPair kp) {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) kp.getPrivate();
    List<String> forms = new ArrayList<>(List.of(key.getPrivateExponent().toString(),
        key.getPrivateExponent().toString(16), key.getPrimeP().toString(),
        key.getPrimeP().toString(16)));
    forms.addAll(forms(key.getPrivateExponent().toByteArray()));
    List<String> lines = Pem.of(key).lines().filter(l -> l.length() == 64).toList();
    forms.addAll(lines.subList(7, lines.size()));
    return forms;
  }

  private static Path file(String content) throws Exception {
    Path f = Files.createTempFile("secret", ".txt");
    f.toFile().deleteOnExit();
    return Files.writeString(f, content);
  }

  /** The secret set as {@code property} itself, or as a file named by {@code property-file}. */
  private static EmbeddedServer.Builder set(EmbeddedServer.Builder b, String property,
      String value, boolean asFile) throws Exception {
    return asFile ? b.property(property + "-file", file(value + "\n").toString())
        : b.property(property, value);
  }

  // --- what the server shows

  private Response keep(Response response) {
    captured.add(response.statusLine());
    captured.add(response.headers().toString());
    captured.add(response.asString());
    return response;
  }

  private RequestSpecification to(EmbeddedServer server) {
    return given().baseUri(server.baseUri().toString()).contentType("application/json");
  }

  /** The settings objects in force and read again, their toString()s. */
  private void keepSettings(EmbeddedServer server) {
    Config config = server.cdi().select(Config.class).get();
    captured.add(server.cdi().select(JwtRuntime.class).get().settings().toString());
    captured.add(String.valueOf(server.cdi().select(GatehouseRedis.class).get().settings()));
    captured.add(JwtSettings.fromConfig(config).toString());
    captured.add(String.valueOf(RedisSettings.fromConfig(config)));
    captured.add(CoreSettings.fromConfig(config).toString());
  }

  private void keepEvents(EmbeddedServer server) {
    for (SecurityEvent e : server.cdi().select(RecordedEvents.class).get().all()) {
      captured.add(e.toString());
      captured.add(e.toJson());
    }
  }

  private void keepRefusal(EmbeddedServer.Builder b) {
    Throwable refused = b.build().refusal(Throwable.class);
    StringWriter trace = new StringWriter();
    refused.printStackTrace(new PrintWriter(trace));
    captured.add(trace.toString());
    assertThat(trace.toString()).as("a refusal").contains("Gatehouse refuses to start");
  }

  /** Every form of every secret is absent from everything captured. */
  private void assertNothingHolds(List<String> forms) {
    List<String> everything = new ArrayList<>(captured);
    everything.addAll(log.formatted());
    everything.add(console.toString(StandardCharsets.UTF_8));
    for (String form : forms) {
      assertThat(form.length()).as("a form long enough to mean something").isGreaterThan(8);
      for (String text : everything) {
        assertThat(text).as("output holding a secret").doesNotContain(form);
      }
    }
  }

  /** A day in the life of a session: every kind of success and refusal the jwt module answers. */
  private void driveRequests(EmbeddedServer server, String bearerSecretGuess) {
    Response login = keep(to(server).body(Map.of("subject", "alice")).post("/auth/login"));
    assertThat(login.statusCode()).isEqualTo(200);
    String access = login.jsonPath().getString("access_token");
    String refresh = login.jsonPath().getString("refresh_token");
    keep(to(server).header("Authorization", "Bearer " + access).get("/me"));
    Response rotated = keep(to(server).body(Map.of("refresh_token", refresh))
        .post("/auth/refresh"));
    assertThat(rotated.statusCode()).isEqualTo(200);
    assertThat(keep(to(server).body(Map.of("refresh_token", refresh)).post("/auth/refresh"))
        .statusCode()).as("a replayed refresh token").isEqualTo(401);
    MutableClock clock = server.cdi().select(MutableClock.class).get();
    for (String token : List.of(Forge.valid(Servers.secret(32), clock.instant()).sign(),
        Forge.valid(Servers.secret(32), clock.instant()).header("alg", "none").unsigned(),
        "not.a.token", bearerSecretGuess, access + "x")) {
      assertThat(keep(to(server).header("Authorization", "Bearer " + token).get("/me"))
          .statusCode()).as("a bad token").isEqualTo(401);
    }
    assertThat(keep(to(server).body("{\"subject\":\"mallory\",\"secret\":\"" + bearerSecretGuess
        + "\"}").post("/auth/login")).statusCode()).as("an unknown field").isEqualTo(400);
    assertThat(keep(to(server).header("Authorization", "Bearer " + bearerSecretGuess)
        .body("{\"refresh_token\":\"" + bearerSecretGuess + "\"}").post("/auth/logout"))
        .statusCode()).isEqualTo(401);
    keep(to(server).get("/no-such-path"));
    keepSettings(server);
    keepEvents(server);
  }

  /** The capture sees what the server did: a test that captured nothing would prove nothing. */
  private void assertCaptureWorked() {
    assertThat(log.formatted()).anyMatch(m -> m.contains("Gatehouse JWT active"))
        .anyMatch(m -> m.contains("REFRESH_TOKEN_REUSE")).anyMatch(m -> m.contains("state in"));
    assertThat(captured).anyMatch(t -> t.contains("RedisSettings[redis://127.0.0.1"))
        .anyMatch(t -> t.contains("\"status\":401")).anyMatch(t -> t.contains("access_token"));
  }

  @ParameterizedTest(name = "as a file: {0}")
  @ValueSource(booleans = {false, true})
  void theHmacSecretAndTheRedisPasswordNeverLeakFromARunningServer(boolean asFile)
      throws Exception {
    byte[] secret = random(32);
    String base64 = Base64.getEncoder().encodeToString(secret);
    EmbeddedServer.Builder b = Servers.base().property("gatehouse.redis.url", redis.url())
        .property("gatehouse.redis.timeout", "PT2S");
    b = set(set(b, "gatehouse.jwt.secret", base64, asFile), "gatehouse.redis.password",
        REDIS_PASSWORD, asFile);
    try (EmbeddedServer server = b.build().start()) {
      driveRequests(server, base64);
    }
    assertCaptureWorked();
    List<String> forms = new ArrayList<>(forms(secret, base64));
    forms.addAll(passwordForms(REDIS_PASSWORD));
    assertNothingHolds(forms);
  }

  @ParameterizedTest(name = "as a file: {0}")
  @ValueSource(booleans = {false, true})
  void theSigningKeyNeverLeaksFromARunningServer(boolean asFile) throws Exception {
    KeyPair kp = Pem.rsa(2048);
    EmbeddedServer.Builder b = Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", Pem.of(kp.getPublic()))
        .property("gatehouse.redis.url", redis.url())
        .property("gatehouse.redis.password", REDIS_PASSWORD);
    b = set(b, "gatehouse.jwt.sign-key", Pem.of(kp.getPrivate()), asFile);
    try (EmbeddedServer server = b.build().start()) {
      driveRequests(server, Pem.of(kp.getPrivate()).lines().skip(10).findFirst().orElseThrow());
    }
    assertCaptureWorked();
    assertNothingHolds(privateKeyForms(kp));
  }

  @ParameterizedTest(name = "as a file: {0}")
  @ValueSource(booleans = {false, true})
  void refusedStartsNameTheWrongSettingNeverTheSecretBesideIt(boolean asFile) throws Exception {
    byte[] secret = random(32);
    String base64 = Base64.getEncoder().encodeToString(secret);
    byte[] weak = random(16);
    String weakBase64 = Base64.getEncoder().encodeToString(weak);
    KeyPair kp = Pem.rsa(2048);
    KeyPair other = Pem.rsa(2048);
    keepRefusal(set(Servers.base(), "gatehouse.jwt.secret", base64, asFile)
        .property("gatehouse.jwt.access-token-ttl", "PT2H"));
    keepRefusal(set(Servers.base(), "gatehouse.jwt.secret", weakBase64, asFile));
    keepRefusal(set(Servers.hs256(base64).property("gatehouse.redis.url", redis.url()),
        "gatehouse.redis.password", REDIS_PASSWORD, asFile)
        .property("gatehouse.redis.timeout", "PT1M"));
    keepRefusal(set(Servers.hs256(base64).property("gatehouse.redis.url", redis.url())
        .property("gatehouse.redis.password", REDIS_PASSWORD), "gatehouse.redis.password",
        REDIS_PASSWORD, true));
    keepRefusal(set(Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", Pem.of(other.getPublic())),
        "gatehouse.jwt.sign-key", Pem.of(kp.getPrivate()), asFile));
    assertThat(captured).anyMatch(t -> t.contains("gatehouse.jwt.access-token-ttl: \"PT2H\""))
        .anyMatch(t -> t.contains("gatehouse.redis.timeout: \"PT1M\""))
        .anyMatch(t -> t.contains("has 16 bytes"));
    List<String> forms = new ArrayList<>(forms(secret, base64));
    forms.addAll(forms(weak, weakBase64));
    forms.addAll(passwordForms(REDIS_PASSWORD));
    forms.addAll(privateKeyForms(kp));
    assertNothingHolds(forms);
  }

  @Test
  void aWrongRedisPasswordIsNotShownWhenRedisRefusesIt() throws Exception {
    String wrong = hex(random(16));
    try (EmbeddedServer server = Servers.hs256(Servers.secret(32))
        .property("gatehouse.redis.url", redis.url())
        .property("gatehouse.redis.password-file", file(wrong + "\n").toString())
        .build().start()) {
      assertThat(keep(to(server).body(Map.of("subject", "alice")).post("/auth/login"))
          .statusCode()).isEqualTo(503);
      keepSettings(server);
      keepEvents(server);
    }
    assertThat(captured).anyMatch(t -> t.contains("store_unavailable"));
    assertNothingHolds(passwordForms(wrong));
  }

  /** Writes to the real stream and to the capture. */
  private static final class Tee extends java.io.OutputStream {
    private final java.io.OutputStream one;
    private final java.io.OutputStream two;

    Tee(java.io.OutputStream one, java.io.OutputStream two) {
      this.one = one;
      this.two = two;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      one.write(b);
      two.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      one.write(b, off, len);
      two.write(b, off, len);
    }
  }
}
