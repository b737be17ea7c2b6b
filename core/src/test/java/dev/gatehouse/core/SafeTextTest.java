package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @SafeText} on a request record, attacked over HTTP: {@code displayName} with the
 * defaults, {@code bio} with everything allowed, {@code handle} with a message of its own.
 */
class SafeTextTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  private static ExtractableResponse<Response> profile(String field, String value) {
    Map<String, String> body = new HashMap<>();
    body.put("displayName", "Ada");
    body.put(field, value);
    return given().contentType("application/json").body(body).post("/echo/profile").then()
        .extract();
  }

  private static Map<String, String> refused(String field, String value) {
    ExtractableResponse<Response> r = profile(field, value);
    assertThat(r.statusCode()).as(value).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    List<Map<String, String>> errors = r.jsonPath().getList("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).containsEntry("field", field);
    assertThat(r.asString()).doesNotContain("script").doesNotContain("alice");
    return errors.get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zoë O'Brien", "José-María", "王小明", "محمد", "Ωmega 😀", "a & b",
      "Łukasz 🏳️"})
  void ordinaryNamesInAnyScriptAreAccepted(String name) {
    assertThat(profile("displayName", name).statusCode()).as(name).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({"0085", "009B", "007F", "009F"})
  void controlCharactersAreRefusedNamingTheCodePoint(String hex) {
    String c = Character.toString(Integer.parseInt(hex, 16));
    assertThat(refused("displayName", "alice" + c)).containsEntry("message",
        "must not contain control characters (U+" + hex + ")");
  }

  @ParameterizedTest
  @CsvSource({"202E", "202D", "202A", "2066", "2067", "2068", "2069", "200F", "200E", "061C"})
  void bidirectionalOverridesIsolatesAndMarksAreRefused(String hex) {
    String c = Character.toString(Integer.parseInt(hex, 16));
    assertThat(refused("displayName", "alice" + c + "gpj.exe")).containsEntry("message",
        "must not contain bidirectional formatting characters (U+" + hex + ")");
  }

  @ParameterizedTest
  @CsvSource({"200B", "2060", "FEFF", "00AD", "3164", "115F", "034F", "2028", "E0041", "200D",
      "200C"})
  void invisibleCharactersAreRefused(String hex) {
    String c = Character.toString(Integer.parseInt(hex, 16));
    assertThat(refused("displayName", "alice" + c)).containsEntry("message",
        "must not contain invisible characters (U+" + hex + ")");
  }

  @Test
  void noncharactersAreRefused() {
    assertThat(refused("displayName", "alice\ufdd0")).containsEntry("message",
        "must not contain noncharacters (U+FDD0)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<b>alice</b>", "alice<", "alice>"})
  void markupIsRefusedByDefault(String name) {
    assertThat(refused("displayName", name)).containsEntry("message", "must not contain < or >");
  }

  @Test
  void anEscapedControlCharacterIsAlreadyRefusedByStrictJson() {
    var r = profile("displayName", "alice\u0007");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("$.displayName");
  }

  @Test
  void lineBreaksAreRefusedInSingleLineText() {
    assertThat(refused("displayName", "alice\nadmin")).containsEntry("message",
        "must not contain control characters (U+000A)");
  }

  @Test
  void theMaximumLengthIsEnforced() {
    assertThat(refused("displayName", "a".repeat(21))).containsEntry("message",
        "must be at most 20 characters long");
  }

  @Test
  void whatIsAllowedIsAccepted() {
    var r = profile("bio", "x < y\nline two\twith a tab\r\nمی\u200cخواهم 👨\u200d👩\u200d👧");
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
  }

  @Test
  void whatIsAllowedStillRefusesTheRest() {
    assertThat(refused("bio", "alice\u202e")).containsEntry("message",
        "must not contain bidirectional formatting characters (U+202E)");
    assertThat(refused("bio", "alice\u200b")).containsEntry("message",
        "must not contain invisible characters (U+200B)");
    assertThat(refused("bio", "alice\u0085")).containsEntry("message",
        "must not contain control characters (U+0085)");
  }

  @Test
  void aMessageOfItsOwnIsUsedAsIs() {
    assertThat(refused("handle", "alice\u200b")).containsEntry("message",
        "choose another handle");
  }
}
