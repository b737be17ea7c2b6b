package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.EmbeddedServerProcess;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract against {@code java -jar target/gatehouse-example.jar}, a separate process. */
class JarIT extends NotesContract {

  static EmbeddedServerProcess jar;
  static Client client;

  @BeforeAll
  static void start() {
    jar = ExampleProcess.start(Map.of(
        "GATEHOUSE_RATELIMIT_LOGIN_LIMIT", "1000",
        "GATEHOUSE_RATELIMIT_REGISTER_LIMIT", "1000"));
    assertThat(jar.isAlive()).as(jar.output()).isTrue();
    client = new Client(jar.port());
  }

  @AfterAll
  static void stop() {
    jar.close();
  }

  @Override
  Client client() {
    return client;
  }

  @Test
  void withoutAConfiguredKeyItWarnsOfAnEphemeralOne() {
    assertThat(jar.output()).contains("ephemeral");
  }

  @Test
  void theEndpointReportIsInTheStartUpLog() {
    assertThat(jar.output()).contains("Gatehouse endpoint report (15 endpoints; enforced on every"
        + " request by Gatehouse core, cors, jwt, ownership, ratelimit):")
        .contains("GET /notes/{id} | who: authenticated | owned: id | paging: - | rate limit: -"
            + " | input: -")
        .contains("POST /auth/login | who: anyone | owned: - | paging: - | rate limit: login |"
            + " input: LoginRequest (bounded)")
        .contains("GET /admin/users | who: roles admin (re-checked) | owned: - | paging:"
            + " PageRequest");
  }

  @Test
  void securityEventsAreWrittenAsJsonLines() {
    client.login("someone@example.com", "wrong password here").statusCode(401);
    assertThat(jar.output().lines().filter(l -> l.startsWith("{\"event\":\"AUTHENTICATION_FAILED\""))
        .findAny()).isPresent();
    assertThat(jar.output()).doesNotContain("wrong password here");
  }

  /**
   * The shipped policy, so on the real clock: five at once, then one back every 12 s. The sixth
   * attempt is refused unless the machine took 12 s or more over the six (each failed login
   * costs an Argon2id hash); then as many attempts more pass as 12-second spans went by, and no
   * more — the assertion a loaded machine cannot break and a broken limit cannot pass.
   */
  @Test
  void theLoginLimitIsFivePerMinutePerAddressByDefault() {
    try (EmbeddedServerProcess strict = ExampleProcess.start(Map.of())) {
      Client c = new Client(strict.port());
      long first = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        c.login(Client.uniqueEmail("guess"), "guessing a password").statusCode(401);
      }
      ExtractableResponse<Response> limited = null;
      int passedAfterFive = 0;
      while (limited == null && passedAfterFive <= 20) {
        ExtractableResponse<Response> r = c.login(Client.uniqueEmail("guess"),
            "guessing a password").extract();
        if (r.statusCode() == 429) {
          limited = r;
        } else {
          assertThat(r.statusCode()).isEqualTo(401);
          passedAfterFive++;
        }
      }
      long refills = Duration.ofNanos(System.nanoTime() - first).toSeconds() / 12;
      assertThat(limited).as("a 429 within 20 attempts after the first five").isNotNull();
      assertThat(passedAfterFive).as("attempts after the fifth, with %d 12-second spans gone",
          refills).isLessThanOrEqualTo((int) refills);
      assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
      assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"login\";q=5;w=60");
      assertThat(limited.contentType()).isEqualTo("application/problem+json");
    }
  }

  @Test
  void enabledDocsAreGeneratedAndShownOnlyToCallersTheDatabaseStillHoldsAdmin() {
    try (EmbeddedServerProcess docs = ExampleProcess.start(Map.of(
        "GATEHOUSE_DOCS_ENABLED", "true",
        "EXAMPLE_ADMIN_PASSWORD", "admin password for the docs test"))) {
      Client c = new Client(docs.port());
      c.req().get("/openapi").then().statusCode(401);
      c.as(c.newUser("reader").getString("access_token")).get("/openapi").then().statusCode(403);
      String admin = c.login("admin@example.com", "admin password for the docs test")
          .statusCode(200).extract().path("access_token");
      c.as(admin).get("/openapi").then().statusCode(200)
          .body("openapi", org.hamcrest.Matchers.startsWith("3."))
          .body("paths", org.hamcrest.Matchers.hasKey("/notes/{id}"));

      // a second admin reads the docs until the database demotes them, unexpired token or not
      io.restassured.path.json.JsonPath other = c.newUser("docs-admin");
      long otherId = c.as(other.getString("access_token")).get("/me").then().extract()
          .jsonPath().getLong("id");
      c.as(admin).body(Map.of("roles", java.util.Set.of("user", "admin")))
          .put("/admin/users/" + otherId + "/roles").then().statusCode(200);
      String promoted = c.refresh(other.getString("refresh_token")).statusCode(200).extract()
          .path("access_token");
      c.as(promoted).get("/openapi").then().statusCode(200);
      c.as(admin).body(Map.of("roles", java.util.Set.of("user")))
          .put("/admin/users/" + otherId + "/roles").then().statusCode(200);
      c.as(promoted).get("/openapi").then().statusCode(403);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GATEHOUSE_CORS_ALLOWED_ORIGINS|*|gatehouse.cors.allowed-origins: \"*\" cannot be combined with allow-credentials=true",
      "GATEHOUSE_JWT_SECRET|c2hvcnQ=|gatehouse.jwt.secret: has 5 bytes; HS256 needs at least 32",
      "GATEHOUSE_JWT_ACCESS_TOKEN_TTL|PT45M|gatehouse.jwt.access-token-ttl: \"PT45M\" must be from PT30S to PT30M",
      "GATEHOUSE_PROXY_TRUSTED|0.0.0.0/0|gatehouse.proxy.trusted: \"0.0.0.0/0\" trusts every address",
      "EXAMPLE_DB_POOL_SIZE|0|example.db.pool-size: \"0\" must be from 1 to 100",
      "EXAMPLE_DB_POOL_MAX_WAIT|PT0.1S|example.db.pool-max-wait: \"PT0.1S\" must be from PT0.25S to PT30S"})
  void unsafeConfigurationStopsTheProcessNamingTheProperty(String variable, String value,
      String message) {
    try (EmbeddedServerProcess bad = ExampleProcess.start(Map.of(variable, value))) {
      assertThat(bad.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(bad.output()).contains(message);
      assertThat(bad.output()).doesNotContain("listening on");
    }
  }
}
