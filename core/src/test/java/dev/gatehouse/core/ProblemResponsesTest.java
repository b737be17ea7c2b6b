package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProblemResponsesTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  /** Gatehouse's own ids: 96 random bits in base64url. */
  private static final String GENERATED = "[A-Za-z0-9_-]{16}";

  private static void isSafe(ExtractableResponse<Response> r) {
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.asString())
        .doesNotContain("Exception").doesNotContain("dev.gatehouse").doesNotContain("jakarta.")
        .doesNotContain("org.glassfish").doesNotContain("Jersey").doesNotContain("Jetty")
        .doesNotContain("at java.").doesNotContain(".java:").doesNotContain("/etc/");
  }

  @Test
  void unexpectedExceptionsBecomeA500WithOnlyTheRequestId() {
    ExtractableResponse<Response> r = given().get("/echo/boom").then().statusCode(500).extract();
    isSafe(r);
    Map<String, Object> body = r.jsonPath().getMap("$");
    assertThat(body).containsOnlyKeys("type", "title", "status", "detail", "requestId");
    assertThat(body.get("requestId")).isEqualTo(r.header("X-Request-Id"));
    assertThat(r.asString()).doesNotContain("secret detail");
  }

  @Test
  void unserialisableResponsesAreA500NotABadRequest() {
    isSafe(given().get("/echo/unserialisable").then().statusCode(500).extract());
  }

  @Test
  void unacceptableMediaTypeIsA406Problem() {
    isSafe(given().accept("application/xml").get("/echo/items/1").then().statusCode(406)
        .body("title", equalTo("Not Acceptable")).extract());
  }

  @Test
  void unsupportedMediaTypeIsA415Problem() {
    isSafe(given().contentType("application/xml").body("<a/>").post("/echo").then()
        .statusCode(415).body("title", equalTo("Unsupported Media Type")).extract());
  }

  @Test
  void unconvertiblePathParameterIsA404Problem() {
    isSafe(given().get("/echo/items/abc").then().statusCode(404).extract());
  }

  @Test
  void aSafeClientRequestIdNeverReplacesOurOwn() {
    ExtractableResponse<Response> r = given().header("X-Request-Id", "abc-123_x.y:z")
        .get("/nothing").then().statusCode(404).extract();
    assertThat(r.header("X-Request-Id")).matches(GENERATED).isNotEqualTo("abc-123_x.y:z");
    assertThat(r.jsonPath().getString("requestId")).isEqualTo(r.header("X-Request-Id"));
    assertThat(r.asString()).doesNotContain("abc-123_x.y:z");
  }

  @Test
  void anUnsafeClientRequestIdIsNotEchoed() {
    for (String bad : new String[] {"<script>alert(1)</script>", "a".repeat(65), "a b",
        "x\"y", "abc%0d%0aSet-Cookie:%20x=1", "a,b"}) {
      ExtractableResponse<Response> r = given().header("X-Request-Id", bad).get("/nothing")
          .then().statusCode(404).extract();
      assertThat(r.header("X-Request-Id")).as(bad).matches(GENERATED);
      assertThat(r.headers().getValues("X-Request-Id")).as(bad).hasSize(1);
      assertThat(r.asString()).as(bad).doesNotContain(bad);
    }
  }

  @Test
  void everyResponseHasARequestId() {
    String a = given().get("/echo/items/1").then().extract().header("X-Request-Id");
    String b = given().get("/echo/items/1").then().extract().header("X-Request-Id");
    assertThat(a).isNotBlank().isNotEqualTo(b);
  }

  @Test
  void jacksonErrorsInApplicationCodeAreProblemsWithoutJacksonsMessage() {
    ExtractableResponse<Response> r = given().contentType("text/plain").body("{\"a\": tru")
        .post("/echo/manual-parse").then().extract();
    assertThat(r.statusCode()).isEqualTo(400);
    isSafe(r);
    assertThat(r.asString()).doesNotContain("tru").doesNotContain("Unrecognized");
  }

  @Test
  void aStreamLimitMetInApplicationCodeIsA400ThatNamesNoInput() {
    // Jackson's default nesting limit (1000), met by the application's own mapper: the error
    // says which limit only in its message, which is neither read nor sent
    ExtractableResponse<Response> r = given().contentType("text/plain")
        .body("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}").post("/echo/manual-parse")
        .then().extract();
    assertThat(r.statusCode()).isEqualTo(400);
    isSafe(r);
    assertThat(r.jsonPath().getString("errors[0].message"))
        .isEqualTo("is nested deeper or has a number, string or name longer than allowed");
  }

  @Test
  void refusalsGetGenericBodiesAndKeepProtocolHeadersOnly() {
    for (int status : new int[] {401, 403, 409, 429, 503}) {
      ExtractableResponse<Response> r = given().get("/echo/refuse/" + status).then()
          .statusCode(status).extract();
      isSafe(r);
      assertThat(r.asString()).doesNotContain("secret").doesNotContain("pid 4711");
      assertThat(r.header("Retry-After")).isEqualTo("7");
      assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(r.header("X-Internal")).isNull();
      assertThat(r.jsonPath().getString("title")).isEqualTo(Problem.title(status));
    }
  }

  @Test
  void anUnavailableStoreIsA503WithRetryAfterNeverA500() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    ExtractableResponse<Response> r = given().get("/echo/store-down").then().statusCode(503)
        .header("Retry-After", "2").extract();
    isSafe(r);
    assertThat(r.asString()).doesNotContain("redis").doesNotContain("session store");
    assertThat(events.all()).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.SERVER_ERROR);
      assertThat(e.reason()).isEqualTo("store_unavailable");
    });
  }

  @Test
  void aStoreThatTimedOutIsA503NotASlowBodys408() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    ExtractableResponse<Response> r = given().get("/echo/store-timed-out").then().statusCode(503)
        .header("Retry-After", "2").extract();
    isSafe(r);
    assertThat(events.all()).extracting(e -> e.type() + ":" + e.reason())
        .contains("SERVER_ERROR:store_unavailable")
        .doesNotContain("BODY_TOO_SLOW:read_timeout");
  }

  @Test
  void aSaturatedStoreIsA503WithRetryAfterAndItsOwnEventReason() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    ExtractableResponse<Response> r = given().get("/echo/store-saturated").then()
        .statusCode(503).header("Retry-After", "2")
        .body("detail", equalTo("The service is busy; retry later.")).extract();
    isSafe(r);
    assertThat(r.jsonPath().getMap("$")).containsOnlyKeys("type", "title", "status", "detail",
        "requestId");
    assertThat(events.all()).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.SERVER_ERROR);
      assertThat(e.reason()).isEqualTo("store_saturated");
    });
  }
}
