package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * List and array bodies: every element is validated like a single body, {@code @Valid} or not,
 * and the parameter's {@code @Size(max = 100)} is enforced while the body is read.
 */
class CollectionBodiesTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  private static ExtractableResponse<Response> post(String path, String json) {
    return given().contentType("application/json").body(json).post(path).then().extract();
  }

  private static String items(int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"name\":\"n").append(i % 1000).append("\"}");
    }
    return b.append(']').toString();
  }

  private static List<Map<String, String>> errors(ExtractableResponse<Response> r) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    return r.jsonPath().getList("errors");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/echo/items", "/echo/items-valid", "/echo/item-array"})
  void everyInvalidElementIsA400NamingItsIndexAndField(String path) {
    var r = post(path, "[{\"name\":\"ok\"},{\"name\":\" \"},{\"name\":\"<script>\"}]");
    assertThat(errors(r)).containsExactly(
        Map.of("field", "[1].name", "message", "must not be blank"),
        Map.of("field", "[2].name", "message", "size must be between 0 and 5"));
    assertThat(r.asString()).doesNotContain("script");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/echo/items", "/echo/items-valid", "/echo/item-array"})
  void validElementsAreServed(String path) {
    given().contentType("application/json").body("[{\"name\":\"a\"},{\"name\":\"b\"}]")
        .post(path).then().statusCode(200).body("count", org.hamcrest.Matchers.equalTo(2));
  }

  @Test
  void aNullElementIsRefusedLikeANullBody() {
    assertThat(errors(post("/echo/items", "[{\"name\":\"a\"},null]")))
        .containsExactly(Map.of("field", "[1]", "message", "must not be null"));
  }

  @Test
  void unknownFieldsInAnElementAreNamedWithTheirIndex() {
    assertThat(errors(post("/echo/items", "[{\"name\":\"a\"},{\"name\":\"b\",\"admin\":true}]")))
        .containsExactly(Map.of("field", "$[1].admin", "message", "is not a known field"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/echo/items", "/echo/item-array"})
  void exactlyTheDeclaredMaximumIsAccepted(String path) {
    given().contentType("application/json").body(items(100)).post(path).then().statusCode(200)
        .body("count", org.hamcrest.Matchers.equalTo(100));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/echo/items", "/echo/items-valid", "/echo/item-array"})
  void oneElementMoreThanDeclaredIsA400NamingTheLimit(String path) {
    var r = post(path, items(101));
    assertThat(errors(r)).containsExactly(
        Map.of("field", "$", "message", "must have at most 100 elements"));
    assertThat(r.jsonPath().getString("detail"))
        .isEqualTo("The request body is not acceptable JSON.");
  }

  @Test
  void sixtyThousandItemsAreRefusedAtTheLimit() {
    String body = items(60_000);
    assertThat(body.length()).isLessThan(1_048_576);
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    assertThat(errors(post("/echo/items", body))).containsExactly(
        Map.of("field", "$", "message", "must have at most 100 elements"));
    assertThat(events.all()).extracting(SecurityEvent::reason)
        .containsExactly("json_too_many_elements");
  }

  @Test
  void theLimitIsEnforcedWhileReadingSoWhatFollowsIsNeverParsed() {
    // element 101 is refused before its content — or the broken JSON after it — is parsed
    String body = items(100).replaceFirst("]$", ",{\"name\": x y z ]]]}");
    assertThat(errors(post("/echo/items", body))).containsExactly(
        Map.of("field", "$", "message", "must have at most 100 elements"));
  }
}
