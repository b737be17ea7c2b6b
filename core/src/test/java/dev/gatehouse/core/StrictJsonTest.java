package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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

class StrictJsonTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  private static final String VALID = "{\"name\":\"Ada\",\"age\":36,\"active\":true,"
      + "\"tags\":[\"a\"],\"address\":{\"street\":\"Main\",\"number\":1},\"e-mail\":\"a@b.c\","
      + "\"score\":1.5}";

  private static ExtractableResponse<Response> post(String json) {
    return given().contentType("application/json").body(json).post("/echo")
        .then().extract();
  }

  private static ExtractableResponse<Response> rejected(String json) {
    ExtractableResponse<Response> r = post(json);
    assertThat(r.statusCode()).as(json.length() > 200 ? json.substring(0, 200) : json)
        .isEqualTo(400);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.jsonPath().getString("title")).isEqualTo("Bad Request");
    return r;
  }

  private static Map<String, String> firstError(ExtractableResponse<Response> r) {
    List<Map<String, String>> errors = r.jsonPath().getList("errors");
    assertThat(errors).isNotEmpty();
    return errors.get(0);
  }

  @Test
  void acceptsAWellFormedBodyAndKeepsTheApplicationsJacksonAnnotations() {
    given().contentType("application/json").body(VALID).post("/echo").then().statusCode(200)
        .body("name", equalTo("Ada")).body("e-mail", equalTo("a@b.c"))
        .body("address.street", equalTo("Main"));
  }

  @Test
  void rejectsUnknownFieldsNamingThePath() {
    Map<String, String> e = firstError(rejected(VALID.replace("\"street\"", "\"admin\":true,\"street\"")));
    assertThat(e).containsEntry("field", "$.address.admin")
        .containsEntry("message", "is not a known field");
  }

  @Test
  void rejectsUnknownFieldAtTheTop() {
    assertThat(firstError(rejected("{\"nope\":1," + VALID.substring(1))))
        .containsEntry("field", "$.nope");
  }

  @Test
  void rejectsDuplicateKeys() {
    Map<String, String> e = firstError(rejected(VALID.replace("\"age\":36", "\"age\":36,\"age\":0")));
    assertThat(e).containsEntry("message", "appears more than once");
    assertThat(e.get("field")).isEqualTo("$.age");
  }

  @Test
  void rejectsNumberWhereAStringIsExpectedWithoutEchoingTheValue() {
    ExtractableResponse<Response> r = rejected(VALID.replace("\"Ada\"", "987654321"));
    assertThat(firstError(r)).containsEntry("field", "$.name").containsEntry("message", "must be a string");
    assertThat(r.asString()).doesNotContain("987654321");
  }

  @Test
  void rejectsBooleanWhereAStringIsExpected() {
    assertThat(firstError(rejected(VALID.replace("\"Ada\"", "true"))))
        .containsEntry("field", "$.name");
  }

  @Test
  void rejectsArrayWhereAStringIsExpected() {
    assertThat(firstError(rejected(VALID.replace("\"Ada\"", "[\"Ada\"]"))))
        .containsEntry("field", "$.name");
  }

  @Test
  void rejectsStringWhereANumberIsExpected() {
    assertThat(firstError(rejected(VALID.replace("36", "\"36\""))))
        .containsEntry("field", "$.age").containsEntry("message", "must be an integer");
  }

  @Test
  void rejectsFloatWhereAnIntegerIsExpected() {
    assertThat(firstError(rejected(VALID.replace("36", "36.5"))))
        .containsEntry("field", "$.age");
  }

  @Test
  void rejectsStringWhereABooleanIsExpected() {
    assertThat(firstError(rejected(VALID.replace("\"active\":true", "\"active\":\"true\""))))
        .containsEntry("field", "$.active");
  }

  @Test
  void rejectsNumberWhereABooleanIsExpected() {
    assertThat(firstError(rejected(VALID.replace("\"active\":true", "\"active\":1"))))
        .containsEntry("field", "$.active");
  }

  @Test
  void rejectsSingleValueWhereAnArrayIsExpected() {
    assertThat(firstError(rejected(VALID.replace("[\"a\"]", "\"a\""))))
        .containsEntry("field", "$.tags");
  }

  @Test
  void rejectsNullForAPrimitive() {
    assertThat(firstError(rejected(VALID.replace("36", "null"))))
        .containsEntry("field", "$.age").containsEntry("message", "must not be null");
  }

  @Test
  void rejectsTrailingData() {
    assertThat(firstError(rejected(VALID + "{}"))).containsEntry("field", "$")
        .containsEntry("message", "must be followed by nothing after the JSON value");
    assertThat(firstError(rejected(VALID + " 1")))
        .containsEntry("message", "must be followed by nothing after the JSON value");
    assertThat(firstError(rejected(VALID + " x")))
        .containsEntry("message", "is not well-formed JSON (RFC 8259)");
  }

  @Test
  void rejectsDuplicateKeysAtAnyDepthButNotTheSameNameInAnotherObject() {
    assertThat(firstError(rejected(VALID.replace("\"number\":1", "\"number\":1,\"number\":2"))))
        .containsEntry("field", "$.address.number")
        .containsEntry("message", "appears more than once");
    ExtractableResponse<Response> inList = given().contentType("application/json")
        .body("[{\"name\":\"a\"},{\"name\":\"b\",\"name\":\"c\"}]").post("/echo/items")
        .then().extract();
    assertThat(inList.statusCode()).isEqualTo(400);
    assertThat(firstError(inList)).containsEntry("message", "appears more than once");
    given().contentType("application/json")
        .body("{\"name\":{\"name\":{\"name\":1}},\"k\":[{\"name\":1},{\"name\":2}]}")
        .post("/echo/map").then().statusCode(200);
  }

  @Test
  void rejectsAFieldNameLongerThanAnyFieldWithoutEchoingIt() {
    String name = "n".repeat(2000);
    ExtractableResponse<Response> r = rejected("{\"" + name + "\":1," + VALID.substring(1));
    assertThat(firstError(r)).containsEntry("message", "has a field name longer than allowed");
    assertThat(r.asString()).doesNotContain("nnnnnnnnnn");
  }

  @Test
  void rejectsABodyCutShort() {
    assertThat(firstError(rejected(VALID.substring(0, VALID.length() - 1))))
        .containsEntry("message", "ends before the JSON value is complete");
  }

  @Test
  void rejectsABodyOfOnlyWhitespace() {
    assertThat(firstError(rejected(" \n "))).containsEntry("field", "$")
        .containsEntry("message", "must be a JSON value; the body is empty");
  }

  /** Each class of error is told by its exception type or the parser's state, never its text. */
  @Test
  void eachClassOfJsonErrorFiresItsOwnReason() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    rejected(VALID + "{}");
    rejected(" ");
    rejected(VALID.replace("\"age\":36", "\"age\":36,\"age\":0"));
    rejected("{\"" + "n".repeat(2000) + "\":1}");
    rejected(VALID.replace("1.5", "1".repeat(1000)));
    rejected(VALID.replace("36", "null"));
    rejected(VALID.substring(0, 20));
    rejected(VALID.replace("1.5}", "1.5,}"));
    rejected(VALID.replace("[\"a\"]", "\"a\""));
    given().contentType("application/json").body("{\"k\":" + "[".repeat(100) + "]".repeat(100)
        + "}").post("/echo/map").then().statusCode(400);
    assertThat(events.all()).extracting(SecurityEvent::reason).containsExactly(
        "json_trailing_data", "json_empty", "json_duplicate_field", "json_name_too_long",
        "json_number_too_long", "json_null", "json_incomplete", "json_syntax", "json_type",
        "json_too_deep");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\":\"Ada\",/* c */\"age\":1}",
      "{\"name\":\"Ada\",// c\n\"age\":1}",
      "{'name':'Ada','age':1}",
      "{name:\"Ada\",\"age\":1}",
      "{\"name\":\"Ada\",\"age\":1,}",
      "{\"name\":\"Ada\",\"age\":1,\"score\":NaN}",
      "{\"name\":\"Ada\",\"age\":1,\"score\":Infinity}",
      "{\"name\":\"Ada\",\"age\":01}",
      "{\"name\":\"Ada\",\"age\":+1}",
      "{\"name\":\"Ada\"",
      "[}"})
  void rejectsNonStandardJsonSyntax(String body) {
    rejected(body);
  }

  @Test
  void rejectsABareNullBody() {
    assertThat(firstError(rejected("null"))).containsEntry("field", "$");
  }

  @Test
  void rejectsAnEmptyBody() {
    ExtractableResponse<Response> r = given().contentType("application/json").post("/echo")
        .then().extract();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void twentyThousandNestedBracketsAreA400NotAStackOverflow() {
    String deep = "[".repeat(20_000) + "]".repeat(20_000);
    ExtractableResponse<Response> r = given().contentType("application/json")
        .body("{\"k\":" + deep + "}").post("/echo/map").then().extract();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(firstError(r).get("message")).contains("deeper than allowed");
  }

  @Test
  void aHundredThousandDigitNumberIsA400() {
    String big = "1".repeat(100_000);
    ExtractableResponse<Response> r = rejected(VALID.replace("1.5", big));
    assertThat(firstError(r).get("message")).contains("more digits than allowed");
    assertThat(r.asString()).doesNotContain("1111111111");
  }

  @Test
  void beanValidationRunsOnEveryBodyListingFieldsWithoutValues() {
    ExtractableResponse<Response> r = rejected(VALID.replace("\"Ada\"", "\"" + "x".repeat(60) + "\"")
        .replace("\"Main\"", "\"" + "y".repeat(150) + "\""));
    List<Map<String, String>> errors = r.jsonPath().getList("errors");
    assertThat(errors).extracting(m -> m.get("field")).containsExactly("address.street", "name");
    assertThat(r.asString()).doesNotContain("xxxxxxxxxx").doesNotContain("yyyyyyyyyy");
  }

  @Test
  void problemBodiesNeverEchoJacksonsMessage() {
    ExtractableResponse<Response> r = rejected("{\"name\":\"<script>alert(1)</script>\",\"age\":\"x\"}");
    assertThat(r.asString()).doesNotContain("script").doesNotContain("com.fasterxml")
        .doesNotContain("Cannot deserialize").doesNotContain("Person");
  }

  @Test
  void validationFailuresFireASecurityEvent() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    rejected("{\"unknown\":1," + VALID.substring(1));
    assertThat(events.all()).extracting(SecurityEvent::type)
        .contains(SecurityEventType.VALIDATION_FAILED);
    assertThat(events.all()).extracting(SecurityEvent::reason).contains("json_unknown_field");
  }

  @Test
  void malformedJsonGivesTheCanonicalProblemShape() {
    given().contentType("application/json").body("{").post("/echo").then().statusCode(400)
        .body("type", equalTo("about:blank")).body("status", equalTo(400))
        .body("errors.field", hasItem("$"));
  }
}
