package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.embedded.EmbeddedServer;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flood of forged bearer tokens is not free: each refused token counts against the client
 * address's limit (here the default policy, 3 an hour: none comes back while the test runs,
 * however slowly a loaded machine runs it), so the flood meets 429 like any other.
 */
class ForgedTokenFloodIT {

  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), Map.of(
        "gatehouse.ratelimit.default.limit", "3",
        "gatehouse.ratelimit.default.period", "PT1H"));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void refusedTokensCountAgainstTheAddressLimit() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(RestAssured.given().baseUri("http://127.0.0.1:" + server.port())
          .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged" + i)
          .get("/me").then().extract().statusCode());
    }
    assertThat(statuses).containsExactly(401, 401, 401, 429);
  }
}
