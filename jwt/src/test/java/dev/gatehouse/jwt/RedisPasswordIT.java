package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RedisTestServer;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Sessions in a Redis that requires a password ({@code requirepass}) and has an ACL user: the
 * password reaches Redis from a mounted file, from a property, or with the user, and without it
 * Redis refuses every command (503, never a session kept elsewhere).
 */
class RedisPasswordIT {

  private static final String PASSWORD = password();
  private static final String ACL_PASSWORD = password();

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.ownEmbedded("requirepass " + PASSWORD,
      "user gatehouse on >" + ACL_PASSWORD + " ~* &* +@all");

  private static final String SECRET = Servers.secret(32);

  private static String password() {
    byte[] b = new byte[16];
    new java.security.SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  private static Path secretFile(String content) throws Exception {
    Path file = Files.createTempFile("redis", ".password");
    Files.writeString(file, content);
    file.toFile().deleteOnExit();
    return file;
  }

  private static EmbeddedServer.Builder server() {
    return Servers.hs256(SECRET).property("gatehouse.redis.url", redis.url())
        .property("gatehouse.redis.timeout", "PT2S");
  }

  /** Logs in as {@code subject} and refreshes once: both need the refresh store in Redis. */
  private static List<Integer> loginAndRefresh(EmbeddedServer server, String subject) {
    String base = server.baseUri().toString();
    Response login = given().baseUri(base).contentType("application/json")
        .body(Map.of("subject", subject)).post("/auth/login");
    if (login.statusCode() != 200) {
      return List.of(login.statusCode());
    }
    int refresh = given().baseUri(base).contentType("application/json")
        .body(Map.of("refresh_token", login.jsonPath().getString("refresh_token")))
        .post("/auth/refresh").statusCode();
    return List.of(200, refresh);
  }

  /** The number of sessions of {@code subject} Redis holds, asked with the password. */
  private static long sessionKeysIn(String user, String password) {
    HostAndPort at = HostAndPort.from(redis.url().replace("redis://", ""));
    try (Jedis jedis = new Jedis(at, DefaultJedisClientConfig.builder().user(user)
        .password(password).build())) {
      return jedis.keys("*").size();
    }
  }

  @Test
  void sessionsLiveInARedisThatTakesThePasswordFromAMountedFile() throws Exception {
    Path file = secretFile(PASSWORD + "\n");
    try (EmbeddedServer server = server().property("gatehouse.redis.password-file",
        file.toString()).build().start()) {
      long before = sessionKeysIn(null, PASSWORD);
      assertThat(loginAndRefresh(server, "file-user")).containsExactly(200, 200);
      assertThat(sessionKeysIn(null, PASSWORD)).as("keys in Redis").isGreaterThan(before);
    }
  }

  @Test
  void thePasswordMayBeAPropertyOrEnvironmentVariableToo() {
    try (EmbeddedServer server = server().property("gatehouse.redis.password", PASSWORD).build()
        .start()) {
      assertThat(loginAndRefresh(server, "plain-user")).containsExactly(200, 200);
    }
  }

  @Test
  void anAclUserAuthenticatesWithItsOwnPassword() throws Exception {
    Path file = secretFile(ACL_PASSWORD + "\r\n");
    try (EmbeddedServer server = server().property("gatehouse.redis.user", "gatehouse")
        .property("gatehouse.redis.password-file", file.toString()).build().start()) {
      assertThat(loginAndRefresh(server, "acl-user")).containsExactly(200, 200);
    }
    try (EmbeddedServer server = server().property("gatehouse.redis.user", "gatehouse")
        .property("gatehouse.redis.password", PASSWORD).build().start()) {
      assertThat(loginAndRefresh(server, "acl-user")).as("the default user's password")
          .containsExactly(503);
    }
  }

  @Test
  void withoutTheRightPasswordRedisRefusesAndTheAnswerIs503() throws Exception {
    try (EmbeddedServer server = server().build().start()) {
      assertThat(loginAndRefresh(server, "nobody")).as("no password").containsExactly(503);
    }
    Path wrong = secretFile(PASSWORD + "x\n");
    try (EmbeddedServer server = server().property("gatehouse.redis.password-file",
        wrong.toString()).build().start()) {
      assertThat(loginAndRefresh(server, "nobody")).as("a wrong password").containsExactly(503);
    }
  }

  @Test
  void anEmptyOrMissingPasswordFileStopsTheStartNamingThePropertyAndPath() throws Exception {
    Path empty = secretFile("\n");
    assertThat(server().property("gatehouse.redis.password-file", empty.toString()).build()
        .refusal(GatehouseConfigException.class).problems()).containsExactly(
        "gatehouse.redis.password-file: \"" + empty + "\" is empty; write the secret into it"
            + " (a newline at its end is ignored)");
    assertThat(server().property("gatehouse.redis.password-file", "/run/secrets/missing").build()
        .refusal(GatehouseConfigException.class).problems()).containsExactly(
        "gatehouse.redis.password-file: \"/run/secrets/missing\" does not exist; mount the secret"
            + " there or fix the path");
  }

  @Test
  void aPasswordInTwoPlacesOrWithoutRedisStopsTheStart() throws Exception {
    Path file = secretFile(PASSWORD);
    assertThat(server().property("gatehouse.redis.password-file", file.toString())
        .property("gatehouse.redis.password", PASSWORD).build()
        .refusal(GatehouseConfigException.class).problems()).containsExactly(
        "gatehouse.redis.password: and gatehouse.redis.password-file are both set; keep one (the"
            + " file, e.g. a mounted secret)");
    assertThat(server().property("gatehouse.redis.url", "redis://:" + PASSWORD + "@"
        + redis.url().substring("redis://".length())).property("gatehouse.redis.password-file",
        file.toString()).build().refusal(GatehouseConfigException.class).problems())
        .singleElement().asString().endsWith("carries credentials and gatehouse.redis.password is"
            + " set too; keep one: take them out of the URL and use gatehouse.redis.password-file"
            + " (a mounted secret)").doesNotContain(PASSWORD);
    assertThat(Servers.hs256(SECRET).property("gatehouse.redis.password", PASSWORD).build()
        .refusal(GatehouseConfigException.class).problems()).containsExactly(
        "gatehouse.redis.url: is not set (nor gatehouse.redis.sentinels), so"
            + " gatehouse.redis.password would be ignored and state kept in memory; set it to"
            + " redis://host:6379 (or gatehouse.redis.sentinels and gatehouse.redis.master-name),"
            + " or remove it");
    assertThat(server().property("gatehouse.redis.user", "gatehouse").build()
        .refusal(GatehouseConfigException.class).problems()).containsExactly(
        "gatehouse.redis.user: \"gatehouse\" needs a password; set gatehouse.redis.password-file"
            + " (a mounted secret) or gatehouse.redis.password");
  }
}
