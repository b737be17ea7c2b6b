package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.EmbeddedServerProcess;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the jar sharing real Redis state and one database — PostgreSQL when
 * {@code EXAMPLE_DB_URL} is set, else an H2 file both open ({@code AUTO_SERVER}): sessions, rate
 * limits and users are shared, as in a real deployment (an instance that does not know a user
 * would rightly end that user's sessions as deleted). A subclass brings the Redis: one server
 * ({@link SharedStateIT}) or a cluster ({@link SharedStateClusterIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedStateContract {

  EmbeddedServerProcess a;
  EmbeddedServerProcess b;
  Path h2;

  /** Starts the Redis both instances share; its {@code gatehouse.redis.*} environment. */
  abstract Map<String, String> startRedis();

  abstract void stopRedis();

  /** Empties every rate-limit bucket, so a test counts only its own calls, not earlier tests'. */
  abstract void forgetRateLimits();

  @BeforeAll
  void start() throws IOException {
    Map<String, String> redisEnv = startRedis();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env = new HashMap<>(redisEnv);
    env.putAll(Map.of(
        "GATEHOUSE_JWT_SECRET", Base64.getEncoder().encodeToString(secret),
        "GATEHOUSE_RATELIMIT_REGISTER_LIMIT", "1000",
        // five logins an hour (one back every 12 minutes): none comes back while a test runs,
        // however slowly a loaded machine runs it
        "GATEHOUSE_RATELIMIT_LOGIN_PERIOD", "PT1H"));
    h2 = ExampleProcess.shareDatabase(env, "shared");
    a = ExampleProcess.start(env);
    b = ExampleProcess.start(env);
    assertThat(a.isAlive()).as(a.output()).isTrue();
    assertThat(b.isAlive()).as(b.output()).isTrue();
  }

  @AfterAll
  void stop() throws IOException {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    stopRedis();
    ExampleProcess.deleteSharedDatabase(h2);
  }

  @Test
  @Order(1)
  void aRefreshTokenRotatesAcrossInstancesAndReuseIsCaughtOnEither() {
    Client onA = new Client(a.port());
    Client onB = new Client(b.port());
    JsonPath first = onA.newUser("roaming");
    JsonPath second = onB.refresh(first.getString("refresh_token")).statusCode(200).extract()
        .jsonPath();
    onB.as(second.getString("access_token")).get("/notes").then().statusCode(200);
    onA.as(first.getString("access_token")).get("/notes").then().statusCode(200);
    // the rotated token comes back on the other instance: the whole family dies everywhere
    onA.refresh(first.getString("refresh_token")).statusCode(401);
    onB.refresh(second.getString("refresh_token")).statusCode(401);
    // and the access tokens of that session with it, on either instance
    onA.as(second.getString("access_token")).get("/me").then().statusCode(401);
    onB.as(first.getString("access_token")).get("/notes").then().statusCode(401);
  }

  @Test
  @Order(2)
  void aLogoutOnOneInstanceIsHonouredByTheOther() {
    Client onA = new Client(a.port());
    Client onB = new Client(b.port());
    JsonPath s = onA.newUser("leaving");
    onA.as(s.getString("access_token")).body(Map.of("refresh_token", s.getString("refresh_token")))
        .post("/auth/logout").then().statusCode(204);
    onB.as(s.getString("access_token")).get("/notes").then().statusCode(401);
    onB.refresh(s.getString("refresh_token")).statusCode(401);
  }

  @Test
  @Order(3)
  void theLoginLimitIsSharedByBothInstances() {
    forgetRateLimits();
    Client onA = new Client(a.port());
    Client onB = new Client(b.port());
    // five logins fit the shared 5-per-hour quota of this address, taken on either instance
    for (int i = 0; i < 5; i++) {
      (i % 2 == 0 ? onA : onB).login(Client.uniqueEmail("guess"), "guessing a password")
          .statusCode(401);
    }
    onB.login(Client.uniqueEmail("guess"), "guessing a password").statusCode(429);
    onA.login(Client.uniqueEmail("guess"), "guessing a password").statusCode(429);
  }
}
