package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RedisTestServer;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions in a real Redis, which the tests stop and start again. */
class RedisOutageIT {

  static JsonPath login(String subject) {
    return given().contentType("application/json").body(Map.of("subject", subject))
        .post("/auth/login").then().statusCode(200).extract().jsonPath();
  }

  static io.restassured.response.ValidatableResponse refresh(String token) {
    return given().contentType("application/json").body(Map.of("refresh_token", token))
        .post("/auth/refresh").then();
  }

  @Nested
  class DenyOnStoreFailure {

    @RegisterExtension
    static final RedisTestServer redis = RedisTestServer.ownEmbedded();

    @Test
    void sessionsLiveInRedisAnOutageIs503AndServiceResumesByItself() {
      EmbeddedServer real = Servers.hs256(Servers.secret(32))
          .property("gatehouse.redis.url", redis.url())
          .property("gatehouse.redis.timeout", "PT2S") // a stopped Redis refuses at once
          .build();
      try {
        real.beforeAll(null);
        JsonPath session = login("r1");
        String access = session.getString("access_token");
        String next = refresh(session.getString("refresh_token")).statusCode(200).extract()
            .path("refresh_token");
        given().header("Authorization", "Bearer " + access).get("/me").then().statusCode(200);

        redis.stop();
        long start = System.nanoTime();
        refresh(next).statusCode(503).header("Retry-After", "2")
            .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + access).get("/me").then().statusCode(503);
        given().contentType("application/json").body(Map.of("subject", "r2"))
            .post("/auth/login").then().statusCode(503);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);

        redis.start();
        JsonPath again = login("r1");
        given().header("Authorization", "Bearer " + again.getString("access_token")).get("/me")
            .then().statusCode(200);
        refresh(again.getString("refresh_token")).statusCode(200);
      } finally {
        real.afterAll(null);
      }
    }
  }

  @Nested
  class AllowOnStoreFailure {

    @RegisterExtension
    static final RedisTestServer redis = RedisTestServer.ownEmbedded();

    @Test
    void anUnreadableDenyListLetsValidTokensThroughWhenConfigured() {
      EmbeddedServer server = Servers.hs256(Servers.secret(32))
          .property("gatehouse.redis.url", redis.url())
          .property("gatehouse.redis.timeout", "PT2S") // a stopped Redis refuses at once
          .property("gatehouse.jwt.denylist.on-store-failure", "allow")
          .build();
      try {
        server.beforeAll(null);
        String access = login("a1").getString("access_token");
        redis.stop();
        given().header("Authorization", "Bearer " + access).get("/me").then().statusCode(200);
        given().header("Authorization", "Bearer x.y.z").get("/me").then().statusCode(401);
      } finally {
        server.afterAll(null);
        redis.start();
      }
    }
  }
}
