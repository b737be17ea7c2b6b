package dev.gatehouse.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application without Micrometer, as most are: this module's tests have none on their class
 * path (core's dependency on it is optional), and core's counters — here of a refused preflight's
 * security event — cost nothing and break nothing.
 */
class WithoutMicrometerTest {

  @RegisterExtension
  static final EmbeddedServer server = CorsTest.server()
      .property("gatehouse.cors.allowed-origins", CorsTest.APP)
      .build();

  @Test
  void aSecurityEventIsFiredAndAnsweredWithoutAMetricsLibrary() {
    assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
        .isInstanceOf(ClassNotFoundException.class);
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    for (int i = 0; i < 2; i++) {
      ExtractableResponse<Response> r = CorsTest.preflight("/things", "https://evil.example",
          "GET", null);
      assertThat(r.statusCode()).isEqualTo(403);
    }
    assertThat(events.all()).extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.CORS_REJECTED, SecurityEventType.CORS_REJECTED);
  }
}
