package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.ScrapeResource;
import dev.gatehouse.testkit.EmbeddedServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core's counters as an operator scrapes them: a real Prometheus registry added to Micrometer's
 * global registry (the application has no CDI {@code MeterRegistry} bean here) and served at
 * {@code /metrics}, read over HTTP after requests that cause each count.
 */
class MetricsTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .register(ScrapeResource.class)
      .property("gatehouse.body.max-bytes", "256")
      .build();

  @BeforeEach
  void freshRegistry() {
    ScrapeResource.fresh();
  }

  private static String scrape() {
    return given().get("/metrics").then().statusCode(200).extract().asString();
  }

  @Test
  void securityEventsAreCountedByTypeAndReason() {
    for (int i = 0; i < 2; i++) {
      given().contentType("application/json").body("{\"unknown\":true,\"name\":\"a\",\"age\":1}")
          .post("/echo").then().statusCode(400);
    }
    given().contentType("text/plain").body("x".repeat(300)).post("/echo/stream")
        .then().statusCode(413);
    String scrape = scrape();
    assertThat(scrape).contains("# TYPE gatehouse_security_events_total counter");
    assertThat(ScrapeResource.value(scrape, "gatehouse_security_events_total"
        + "{reason=\"json_type\",type=\"VALIDATION_FAILED\"}")).isEqualTo(2.0);
    assertThat(scrape).containsPattern(
        "gatehouse_security_events_total\\{reason=\"[a-z0-9_]+\",type=\"BODY_TOO_LARGE\"} 1.0");
  }

  @Test
  void storeFailuresAreCountedByStoreAndReason() {
    given().get("/echo/store-down").then().statusCode(503);
    given().get("/echo/store-down").then().statusCode(503);
    given().get("/echo/store-saturated").then().statusCode(503);
    String scrape = scrape();
    assertThat(ScrapeResource.value(scrape, "gatehouse_store_failures_total"
        + "{reason=\"unavailable\",store=\"session_store\"}")).isEqualTo(2.0);
    assertThat(ScrapeResource.value(scrape, "gatehouse_store_failures_total"
        + "{reason=\"saturated\",store=\"notes_database\"}")).isEqualTo(1.0);
    assertThat(ScrapeResource.value(scrape, "gatehouse_security_events_total"
        + "{reason=\"store_unavailable\",type=\"SERVER_ERROR\"}")).isEqualTo(2.0);
  }

  @Test
  void labelsNeverNameTheCallerTheAddressOrTheRawPath() {
    given().header("X-Test-User", "alice-4711").contentType("application/json")
        .body("{\"unknown\":true}").post("/echo").then().statusCode(400);
    given().header("X-Test-User", "alice-4711").get("/echo/items/not-a-number")
        .then().statusCode(404);
    String scrape = scrape();
    assertThat(scrape).contains("gatehouse_security_events_total")
        .doesNotContain("alice").doesNotContain("4711").doesNotContain("127.0.0.1")
        .doesNotContain("not-a-number").doesNotContain("/echo");
  }
}
