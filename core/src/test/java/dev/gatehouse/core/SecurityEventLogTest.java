package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecurityEventLogTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .property("gatehouse.body.max-bytes", "256")
      .build();

  @RegisterExtension
  final LogCapture log = LogCapture.of(SecurityEvents.LOGGER);

  @Test
  void eachEventIsOneValidJsonLineWithTheRequestContext() throws Exception {
    String id = given().header("X-Request-Id", "req-42").header("X-Test-User", "alice")
        .contentType("application/json").body("{\"oops\":1}").post("/echo/map")
        .then().extract().header("X-Request-Id");
    given().contentType("application/json").body("{\"unknown\":true,\"name\":\"a\",\"age\":1}")
        .post("/echo").then().statusCode(400);
    List<String> lines = log.messages();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(1);
    for (String line : lines) {
      assertThat(line).doesNotContain("\n");
      JsonNode event = new ObjectMapper().readTree(line);
      assertThat(event.has("event")).isTrue();
      assertThat(event.get("client").asText()).isEqualTo("127.0.0.1");
      assertThat(event.get("time").asText()).isNotBlank();
    }
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.get("event").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(last.get("path").asText()).isEqualTo("/echo");
    assertThat(last.get("method").asText()).isEqualTo("POST");
    assertThat(id).matches("[A-Za-z0-9_-]{16}").isNotEqualTo("req-42");
  }

  @Test
  void eventsCarryTheSubjectButNeverTheBody() throws Exception {
    log.clear();
    given().header("X-Test-User", "alice").contentType("application/json")
        .body("{\"name\":\"a\",\"age\":1,\"password\":\"hunter2-very-secret\"}")
        .post("/echo").then().statusCode(400);
    given().contentType("text/plain").body("token=eyJhbGciOi" + "x".repeat(300))
        .post("/echo/stream").then().statusCode(413);
    List<String> lines = log.messages();
    assertThat(lines).hasSize(2);
    assertThat(String.join("\n", lines)).doesNotContain("hunter2").doesNotContain("eyJ")
        .doesNotContain("password");
    assertThat(new ObjectMapper().readTree(lines.get(0)).get("subject").asText())
        .isEqualTo("alice");
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("event").asText())
        .isEqualTo("BODY_TOO_LARGE");
  }

  @Test
  void reasonCodesCannotCarryArbitraryText() {
    SecurityEvent e = new SecurityEvent(SecurityEventType.ACCESS_DENIED, java.time.Instant.EPOCH,
        null, null, null, null, null, "Bad Reason\n{\"x\":1} with spaces and way too long text "
        + "x".repeat(100));
    assertThat(e.reason()).matches("[a-z0-9_.-]{1,64}");
  }
}
