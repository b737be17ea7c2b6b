package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.MutableClock;
import dev.gatehouse.testkit.PackagedConfig;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A secret in a {@code META-INF/microprofile-config.properties} packaged inside the application —
 * the file everyone commits — stops the embedded server, with a message naming the file and how to
 * supply the secret instead; the same secret from outside the application starts it, and so does
 * {@code gatehouse.secrets.allow-packaged=true}, with a warning.
 */
class PackagedSecretsTest {

  private static final String PACKAGED = "a configuration file packaged inside the application";

  @RegisterExtension
  final LogCapture configLog = LogCapture.of("dev.gatehouse.config");

  private static List<String> refusal(PackagedConfig packaged, EmbeddedServer.Builder server) {
    return packaged.run(() -> server.build().refusal(GatehouseConfigException.class).problems());
  }

  private static int me(EmbeddedServer server, String secret) {
    MutableClock clock = server.cdi().select(MutableClock.class).get();
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + Forge.valid(secret, clock.instant()).sign())
        .get("/me").statusCode();
  }

  @Test
  void anHmacSecretPackagedInTheApplicationsJarStopsTheStart() {
    String secret = Servers.secret(32);
    List<String> problems = refusal(PackagedConfig.inJar(Map.of("gatehouse.jwt.secret", secret)),
        Servers.base());
    assertThat(problems).singleElement().asString()
        .startsWith("gatehouse.jwt.secret: comes from PropertiesConfigSource[source=jar:file:")
        .contains("!/META-INF/microprofile-config.properties] (ordinal 100), " + PACKAGED)
        .contains("the environment variable GATEHOUSE_JWT_SECRET, a mounted file named by"
            + " gatehouse.jwt.secret-file (Kubernetes or Docker secret, Vault Agent), or a secrets"
            + " manager")
        .doesNotContain(secret);
  }

  @Test
  void aSigningKeyPackagedInAClassesFolderStopsTheStartButPublicKeysMayBePackaged() {
    KeyPair kp = Pem.rsa(2048);
    String privatePem = Pem.of(kp.getPrivate());
    List<String> problems = refusal(PackagedConfig.inClassesFolder(Map.of(
        "gatehouse.jwt.sign-key", privatePem,
        "gatehouse.jwt.verify-keys", Pem.of(kp.getPublic()))),
        Servers.base().property("gatehouse.jwt.algorithm", "RS256"));
    assertThat(problems).singleElement().asString()
        .startsWith("gatehouse.jwt.sign-key: comes from PropertiesConfigSource[source=file:")
        .contains("the environment variable GATEHOUSE_JWT_SIGN_KEY, a mounted file named by"
            + " gatehouse.jwt.sign-key-file")
        .doesNotContain(privatePem.lines().skip(1).findFirst().orElseThrow());

    PackagedConfig verifyOnly = PackagedConfig.inClassesFolder(Map.of("gatehouse.jwt.verify-keys",
        Pem.of(kp.getPublic())));
    try (EmbeddedServer server = verifyOnly.run(() -> Servers.base()
        .property("gatehouse.jwt.algorithm", "RS256").build().start())) {
      assertThat(server.port()).isPositive();
    }
  }

  @Test
  void aRedisPasswordOrAUrlWithOnePackagedStopsTheStart() {
    assertThat(refusal(PackagedConfig.inJar(Map.of("gatehouse.redis.password", "hunter2-redis")),
        Servers.hs256(Servers.secret(32)).property("gatehouse.redis.url", "redis://127.0.0.1:1")))
        .singleElement().asString()
        .startsWith("gatehouse.redis.password: comes from PropertiesConfigSource[source=jar:")
        .contains("GATEHOUSE_REDIS_PASSWORD, a mounted file named by gatehouse.redis.password-file")
        .doesNotContain("hunter2-redis");
    assertThat(refusal(PackagedConfig.inJar(Map.of("gatehouse.redis.url",
        "redis://app:hunter2-redis@127.0.0.1:1")), Servers.hs256(Servers.secret(32))))
        .singleElement().asString()
        .startsWith("gatehouse.redis.url: comes from PropertiesConfigSource[source=jar:")
        .contains("GATEHOUSE_REDIS_URL, a mounted file named by gatehouse.redis.password-file")
        .doesNotContain("hunter2-redis");
  }

  @Test
  void aPackagedRedisUrlCountsOnlyWhenItCarriesCredentials() {
    PackagedConfig plainUrl = PackagedConfig.inJar(Map.of("gatehouse.redis.url",
        "redis://127.0.0.1:1"));
    try (EmbeddedServer server = plainUrl.run(() -> Servers.hs256(Servers.secret(32))
        .property("gatehouse.redis.url", "redis://app:hunter2-redis@127.0.0.1:1").build()
        .start())) {
      assertThat(server.port()).as("a packaged URL without a password").isPositive();
    }
    assertThat(refusal(PackagedConfig.inJar(Map.of("gatehouse.redis.url",
        "redis://app:hunter2-redis@127.0.0.1:1")), Servers.hs256(Servers.secret(32))
        .property("gatehouse.redis.url", "redis://127.0.0.1:1")))
        .as("a packaged password that the environment's URL overrides").singleElement()
        .asString().startsWith("gatehouse.redis.url: is also set in PropertiesConfigSource[")
        .doesNotContain("hunter2-redis");
  }

  @Test
  void theSameSecretFromASystemPropertyStartsBesideAPackagedFileWithoutSecrets() {
    String secret = Servers.secret(32);
    PackagedConfig settingsOnly = PackagedConfig.inJar(Map.of("gatehouse.jwt.access-token-ttl",
        "PT10M"));
    System.setProperty("gatehouse.jwt.secret", secret);
    try (EmbeddedServer server = settingsOnly.run(() -> Servers.base().build().start())) {
      assertThat(me(server, secret)).isEqualTo(200);
      assertThat(me(server, Servers.secret(32))).isEqualTo(401);
    } finally {
      System.clearProperty("gatehouse.jwt.secret");
    }
    assertThat(configLog.messages()).isEmpty();
  }

  @Test
  void allowPackagedStartsWithAWarningNamingTheSource() {
    String secret = Servers.secret(32);
    PackagedConfig packaged = PackagedConfig.inJar(Map.of("gatehouse.jwt.secret", secret));
    try (EmbeddedServer server = packaged.run(() -> Servers.base()
        .property("gatehouse.secrets.allow-packaged", "true").build().start())) {
      assertThat(me(server, secret)).isEqualTo(200);
    }
    assertThat(configLog.messages(Level.WARNING)).isNotEmpty().allSatisfy(m -> assertThat(m)
        .startsWith("gatehouse.jwt.secret comes from PropertiesConfigSource[source=jar:file:")
        .contains(PACKAGED + "; accepted because gatehouse.secrets.allow-packaged=true")
        .doesNotContain(secret));
  }
  @Test
  void aProdProfileSecretInQuarkusApplicationPropertiesStopsTheStart() {
    String packaged = Servers.secret(32);
    List<String> problems = refusal(PackagedConfig.inJar("application.properties",
        "%prod.gatehouse.jwt.secret=" + packaged + "\n"), Servers.hs256(Servers.secret(32)));
    assertThat(problems).singleElement().asString()
        .startsWith("gatehouse.jwt.secret: is set in PropertiesConfigSource[source=jar:file:")
        .contains("!/application.properties] (ordinal 250), " + PACKAGED
            + " as %prod.gatehouse.jwt.secret")
        .contains("the environment variable GATEHOUSE_JWT_SECRET")
        .doesNotContain(packaged);
  }

  @Test
  void aSigningKeyNestedInApplicationYamlStopsTheStart() {
    KeyPair kp = Pem.rsa(2048);
    String privatePem = Pem.of(kp.getPrivate());
    String yaml = "\"%prod\":\n  gatehouse:\n    jwt:\n      sign-key: |\n"
        + privatePem.lines().map(l -> "        " + l + "\n").reduce("", String::concat);
    List<String> problems = refusal(PackagedConfig.inJar("application.yaml", yaml),
        Servers.base().property("gatehouse.jwt.algorithm", "RS256")
            .property("gatehouse.jwt.verify-keys", Pem.of(kp.getPublic())));
    assertThat(problems).singleElement().asString()
        .startsWith("gatehouse.jwt.sign-key: is set in jar:file:")
        .contains("!/application.yaml, " + PACKAGED + " as %prod.gatehouse.jwt.sign-key")
        .doesNotContain(privatePem.lines().skip(1).findFirst().orElseThrow());
  }
}
