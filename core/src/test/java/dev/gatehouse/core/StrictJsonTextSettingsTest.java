package dev.gatehouse.core;

import static dev.gatehouse.core.StrictJsonTextTest.bytes;
import static dev.gatehouse.core.StrictJsonTextTest.person;
import static dev.gatehouse.core.StrictJsonTextTest.post;
import static dev.gatehouse.core.StrictJsonTextTest.refused;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gatehouse.json.allow-control-characters=true} lets escaped control characters through,
 * and nothing else; the stream limits hold on the checked parser.
 */
class StrictJsonTextSettingsTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .property("gatehouse.json.allow-control-characters", "true")
      .property("gatehouse.json.max-string-length", "16")
      .build();

  @Test
  void anEscapedNulIsAcceptedWhenControlCharactersAreAllowed() {
    var r = given().contentType("application/json").body(person("Ada\\u0000\\u001b"))
        .post("/echo").then().statusCode(200).extract();
    assertThat(r.jsonPath().getString("name")).isEqualTo("Ada\u0000\u001b");
  }

  @Test
  void unpairedSurrogatesAndMalformedBytesAreStillRefused() {
    assertThat(refused(post(person("\\ud800")))).containsEntry("message",
        StrictJsonTextTest.SURROGATE);
    assertThat(refused(post(person(bytes(0xc0, 0x80))))).containsEntry("message",
        StrictJsonTextTest.NOT_UTF8);
  }

  @Test
  void safeTextStillRefusesANulInTheFieldsItGuards() {
    var r = given().contentType("application/json")
        .body("{\"displayName\":\"Ada\\u0000\"}").post("/echo/profile").then().extract();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getList("errors")).containsExactly(java.util.Map.of(
        "field", "displayName", "message", "must not contain control characters (U+0000)"));
  }

  @Test
  void aStringPastTheConfiguredLengthIsA400() {
    var r = post(person("x".repeat(40)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getString("errors[0].message"))
        .isEqualTo("has a string longer than allowed");
  }
}
