package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.RawHttp;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gatehouse makes its own id for every request; a client's {@code X-Request-Id} is kept beside it
 * as {@code clientRequestId} only when it is 1 to 64 of {@code A-Z a-z 0-9 . _ : -}, and is never
 * echoed (issue 11, item 14).
 */
class RequestIdTest {

  /** Gatehouse's own ids: 96 random bits in base64url. */
  private static final String GENERATED = "[A-Za-z0-9_-]{16}";
  private static final String UNKNOWN_FIELD = "{\"unknown\":true,\"name\":\"a\",\"age\":1}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  /** Everything Gatehouse logs: security events and unexpected failures. */
  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse");

  private RecordedEvents events;

  @BeforeEach
  void clearEvents() {
    events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
  }

  /** A request that fires a VALIDATION_FAILED event, with the given client id. */
  private static ExtractableResponse<Response> refusedWith(String clientId) {
    return given().header("X-Request-Id", clientId).contentType("application/json")
        .body(UNKNOWN_FIELD).post("/echo").then().statusCode(400).extract();
  }

  private JsonNode lastEventLine() throws Exception {
    List<String> lines = log.messages().stream().filter(m -> m.startsWith("{\"event\"")).toList();
    assertThat(lines).isNotEmpty();
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  @Test
  void aSafeClientRequestIdIsRecordedBesideOurOwnGeneratedId() throws Exception {
    ExtractableResponse<Response> r = refusedWith("trace-7f3a:42.b_c");
    String ours = r.header("X-Request-Id");
    assertThat(ours).matches(GENERATED).isNotEqualTo("trace-7f3a:42.b_c");
    assertThat(r.jsonPath().getString("requestId")).isEqualTo(ours);

    JsonNode line = lastEventLine();
    assertThat(line.get("requestId").asText()).isEqualTo(ours);
    assertThat(line.get("clientRequestId").asText()).isEqualTo("trace-7f3a:42.b_c");
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.requestId()).isEqualTo(ours);
      assertThat(e.clientRequestId()).isEqualTo("trace-7f3a:42.b_c");
    });
  }

  @Test
  void ourIdIsAlwaysPresentAndNewEvenWhenClientsRepeatTheirs() {
    String a = refusedWith("same-id").header("X-Request-Id");
    String b = refusedWith("same-id").header("X-Request-Id");
    String c = given().get("/echo/items/1").then().statusCode(200).extract()
        .header("X-Request-Id");
    assertThat(List.of(a, b, c)).allMatch(id -> id.matches(GENERATED)).doesNotHaveDuplicates()
        .doesNotContain("same-id");
    assertThat(events.all()).extracting(SecurityEvent::requestId).containsExactly(a, b);
    assertThat(events.all()).extracting(SecurityEvent::clientRequestId)
        .containsExactly("same-id", "same-id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<script>alert(1)</script>", "abc%0D%0AX-Injected:%201",
      "line\\r\\nbreak", "a b", "quote\"d", "one,two", "tab\tbed",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void anUnsafeClientRequestIdIsNeitherEchoedNorInTheEvent(String bad) throws Exception {
    ExtractableResponse<Response> r = refusedWith(bad);
    assertThat(r.headers().getValues("X-Request-Id")).singleElement().asString()
        .matches(GENERATED);
    assertThat(r.asString()).doesNotContain(bad);
    assertThat(lastEventLine().has("clientRequestId")).isFalse();
    assertThat(log.messages()).noneMatch(m -> m.contains(bad));
    assertThat(events.all()).singleElement()
        .satisfies(e -> assertThat(e.clientRequestId()).isNull());
  }

  /**
   * Bytes no HTTP client library would send: control characters and the ISO-8859-1 and UTF-8
   * spellings of Unicode line breaks (NEL, LINE SEPARATOR). The server may refuse the request
   * outright; either way the value is not echoed, not logged and not in an event.
   */
  @ParameterizedTest
  @ValueSource(strings = {"vertical\u000btab", "next\u0085line", "line\u00e2\u0080\u00a8sep",
      "nul\u0000byte", "escape\u001b[31m"})
  void controlAndLineBreakCharactersInAClientRequestIdAreDropped(String bad) {
    RawHttp.Response r = RawHttp.send(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\n"
        + "X-Request-Id: " + bad + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + UNKNOWN_FIELD.length() + "\r\nConnection: close\r\n\r\n"
        + UNKNOWN_FIELD);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    r.header("X-Request-Id").ifPresent(id -> assertThat(id).matches(GENERATED));
    assertThat(String.join("\n", r.headerLines()) + r.body()).doesNotContain(bad);
    assertThat(log.messages()).noneMatch(m -> m.contains(bad));
    assertThat(events.all()).allSatisfy(e -> assertThat(e.clientRequestId()).isNull());
  }

  @Test
  void theServletGuardKeepsTheClientIdBesideItsOwnToo() {
    RawHttp.Response r = RawHttp.send(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\n"
        + "X-Request-Id: guard-1\r\nContent-Type: garbage\r\nContent-Length: 2\r\n"
        + "Connection: close\r\n\r\n{}");
    assertThat(r.status()).isEqualTo(400);
    String ours = r.header("X-Request-Id").orElseThrow();
    assertThat(ours).matches(GENERATED);
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.requestId()).isEqualTo(ours);
      assertThat(e.clientRequestId()).isEqualTo("guard-1");
    });
  }

  @Test
  void anUnexpectedFailureIsLoggedUnderBothIdsButOnlyOursIsShown() {
    ExtractableResponse<Response> r = given().header("X-Request-Id", "ticket-991")
        .get("/echo/boom").then().statusCode(500).extract();
    String ours = r.header("X-Request-Id");
    assertThat(r.jsonPath().getString("requestId")).isEqualTo(ours);
    assertThat(r.asString()).doesNotContain("ticket-991");
    assertThat(log.messages()).anyMatch(m -> m.contains("request " + ours
        + " (client request id ticket-991) failed"));
  }

  @Test
  void eventsBuiltInCodeDropAnUnsafeClientRequestId() {
    SecurityEvent e = new SecurityEvent(SecurityEventType.ACCESS_DENIED, java.time.Instant.EPOCH,
        "ours", "x\r\n{\"forged\":true}", null, null, null, null, "r");
    assertThat(e.clientRequestId()).isNull();
    assertThat(e.toJson()).doesNotContain("forged").doesNotContain("clientRequestId");
  }
}
