package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.lint.EndpointReport;
import dev.gatehouse.embedded.EmbeddedServer;
import dev.gatehouse.test.AttackKit;
import dev.gatehouse.test.AttackResults;
import dev.gatehouse.test.TestTokens;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gatehouse-test's attack kit against the example, as a user's build would run it: every
 * endpoint attacked as its rules imply, on the example's own configuration (its rate limits
 * included), with tokens signed by the example's configured key.
 */
class AttackKitIT {

  static final String ADMIN_PASSWORD = "admin password for the attack kit";
  static EmbeddedServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1",
        "EXAMPLE_ADMIN_PASSWORD", ADMIN_PASSWORD), Map.of());
    client = new Client("http://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void everyEndpointWithstandsTheAttacksItsRulesImply() {
    // the owner is the seeded administrator, so that role re-checks in the database pass and
    // the body attacks on /admin reach the body; the other caller is an ordinary account
    String admin = client.login("admin@example.com", ADMIN_PASSWORD).statusCode(200).extract()
        .path("access_token");
    long adminId = client.as(admin).get("/me").then().extract().jsonPath().getLong("id");
    JsonPath other = client.newUser("attack-other");
    long otherId = client.as(other.getString("access_token")).get("/me").then().extract()
        .jsonPath().getLong("id");
    Config config = server.cdi().select(Config.class).get();

    AttackResults results = AttackKit.against(URI.create("http://127.0.0.1:" + server.port()))
        .report(EndpointReport.current())
        .tokens(TestTokens.fromConfig(config))
        .callers(Long.toString(adminId), Long.toString(otherId))
        .owned("/notes/{id}", "id", owner -> Long.toString(client.as(owner.substring(7))
            .body(Map.of("title", "owned by the first caller", "body", ""))
            .post("/notes").then().statusCode(201).extract().jsonPath().getLong("id")))
        .run();

    System.out.println(results.table());
    results.assertPassed();
    assertThat(results.rows()).extracting(r -> r.endpoint() + " " + r.attack())
        .contains("GET /notes/{id} not-owner id (another caller's id)",
            "PUT /notes/{id} unknown JSON field",
            "POST /auth/login rate limit login (5 per PT1M by ip)",
            "GET /admin/users token without role admin",
            "GET /openapi documentation without a token");
  }
}
