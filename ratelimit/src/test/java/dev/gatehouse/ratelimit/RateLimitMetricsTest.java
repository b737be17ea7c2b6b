package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.ScrapeResource;
import dev.gatehouse.ratelimit.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate-limit decisions as an operator scrapes them from a real Prometheus registry over HTTP:
 * counted per configured policy and outcome, never per client address or key.
 */
class RateLimitMetricsTest {

  @RegisterExtension
  static final EmbeddedServer server = Servers.withPolicies()
      .register(ScrapeResource.class)
      .property("gatehouse.proxy.trusted", "127.0.0.1")
      .build();

  @BeforeEach
  void freshRegistry() {
    ScrapeResource.fresh();
  }

  private static int login(String ip) {
    return given().header("X-Forwarded-For", ip).contentType("application/json")
        .body(Map.of("email", "carol@example.com")).post("/auth/login").statusCode();
  }

  @Test
  void decisionsAreCountedByPolicyAndOutcome() {
    for (int i = 0; i < 3; i++) {
      assertThat(login("203.0.113.77")).isEqualTo(200);
    }
    assertThat(login("203.0.113.77")).isEqualTo(429);
    String scrape = given().get("/metrics").then().statusCode(200).extract().asString();
    assertThat(ScrapeResource.value(scrape,
        "gatehouse_rate_limit_decisions_total{outcome=\"allowed\",policy=\"login\"}"))
        .isEqualTo(3.0);
    assertThat(ScrapeResource.value(scrape,
        "gatehouse_rate_limit_decisions_total{outcome=\"refused\",policy=\"login\"}"))
        .isEqualTo(1.0);
    assertThat(ScrapeResource.value(scrape,
        "gatehouse_security_events_total{reason=\"login\",type=\"RATE_LIMITED\"}"))
        .isEqualTo(1.0);
    assertThat(scrape).doesNotContain("203.0.113.77").doesNotContain("carol");
  }
}
