package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RedisTestServer;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Session revocation with the refresh-token store and the deny-list in Redis. */
class SessionRevocationRedisIT extends SessionRevocationContract {

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.ownEmbedded();

  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = Servers.hs256(SECRET).property("gatehouse.redis.url", redis.url()).build();
    server.beforeAll(null);
  }

  @AfterAll
  static void stop() {
    server.afterAll(null);
  }

  @Override
  EmbeddedServer server() {
    return server;
  }

  /** Redis expires entries on its own clock, so their lifetimes are checked where they are set. */
  @Test
  void denialsLiveInRedisUntilNothingTheyDenyCanBeAcceptedAnyMore() {
    JsonPath session = login(unique("ttl"));
    String access = session.getString("access_token");
    JsonPath claims = claims(access);
    given().header("Authorization", "Bearer " + access).contentType("application/json")
        .body(Map.of("refresh_token", session.getString("refresh_token")))
        .post("/auth/logout").then().statusCode(204);

    long skew = Duration.ofSeconds(30).toMillis();
    long maxAge = Duration.ofMinutes(15).toMillis();
    try (UnifiedJedis jedis = RedisConnector.open(RedisSettings.of(redis.url(),
        Duration.ofSeconds(2)))) {
      long now = System.currentTimeMillis();
      assertThat(jedis.pttl("gatehouse:deny:" + claims.getString("jti")))
          .isGreaterThan(claims.getLong("exp") * 1000 + skew - now);
      assertThat(jedis.pttl("gatehouse:deny-sid:" + claims.getString("sid")))
          .isGreaterThan(maxAge + 2 * skew - 1000);
    }
  }
}
