package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.RolloutSettings;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.ratelimit.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gatehouse.rollout.report-only=ratelimit}: a call over its limit is served, and its
 * {@code RATE_LIMITED} event is fired marked not enforced; enforced, the same call is a 429.
 * Servers are started one at a time (a process holds one CDI container at a time).
 */
class RolloutRateLimitTest {

  @RegisterExtension
  final LogCapture lint = LogCapture.of("dev.gatehouse.lint");

  private static EmbeddedServer start(boolean reportOnly) {
    EmbeddedServer.Builder b = Servers.withPolicies();
    if (reportOnly) {
      b.property(RolloutSettings.REPORT_ONLY, "ratelimit");
    }
    return b.build().start();
  }

  /** Four calls of alice against per-user's 2 per 10 seconds: the statuses. */
  private static List<Integer> fourCalls(EmbeddedServer s) {
    s.cdi().select(RecordedEvents.class).get().clear();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(given().port(s.port()).header("X-Test-User", "alice").get("/api")
          .statusCode());
    }
    return statuses;
  }

  private static List<SecurityEvent> events(EmbeddedServer s) {
    return s.cdi().select(RecordedEvents.class).get().all();
  }

  @Test
  void overTheLimitIsServedAndReportedAsNotEnforced() {
    try (EmbeddedServer s = start(true)) {
      assertThat(fourCalls(s)).containsExactly(200, 200, 200, 200);
      assertThat(events(s)).hasSize(2).allSatisfy(e -> {
        assertThat(e.type()).isEqualTo(SecurityEventType.RATE_LIMITED);
        assertThat(e.reason()).isEqualTo("per-user");
        assertThat(e.enforced()).isFalse();
        assertThat(e.subject()).isEqualTo("alice");
        assertThat(e.path()).isEqualTo("/api");
      });
    }
  }

  @Test
  void enforcedTheSameCallsAre429WithTheSameEventEnforced() {
    try (EmbeddedServer s = start(false)) {
      assertThat(fourCalls(s)).containsExactly(200, 200, 429, 429);
      assertThat(events(s)).hasSize(2).allSatisfy(e -> {
        assertThat(e.reason()).isEqualTo("per-user");
        assertThat(e.enforced()).isTrue();
      });
    }
  }

  @Test
  void theReportMarksTheRateLimitColumnWhereThereIsALimit() {
    try (EmbeddedServer s = start(true)) {
      given().port(s.port()).get("/open");
      assertThat(String.join("\n", lint.messages()))
          .contains("NOT ENFORCED, report-only: ratelimit")
          .contains("GET /api | paging: - | rate limit: per-user (report-only) |")
          .contains("GET /open | paging: - | rate limit: - |");
    }
  }
}
