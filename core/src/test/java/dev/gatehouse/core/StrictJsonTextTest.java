package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RawHttp;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JSON bodies are UTF-8 text and nothing else (RFC 8259 §8.1): malformed bytes, other encodings,
 * byte order marks, unpaired surrogates and control characters in strings are refused — sent as
 * raw bytes, the way an attacker would, not as a client library would encode them.
 */
class StrictJsonTextTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  /** {@code {"name":<name bytes>,"age":36,"active":true}}, the name's bytes exactly as given. */
  static byte[] person(byte[] nameBytes) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("{\"name\":\"".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(nameBytes);
    b.writeBytes("\",\"age\":36,\"active\":true}".getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  static byte[] person(String nameAsWritten) {
    return person(nameAsWritten.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  static ExtractableResponse<Response> post(String contentType, byte[] body) {
    return given().contentType(contentType).body(body).post("/echo").then().extract();
  }

  static ExtractableResponse<Response> post(byte[] body) {
    return post("application/json", body);
  }

  /** A 400 problem whose first error has this message, and which echoes none of the input. */
  static Map<String, String> refused(ExtractableResponse<Response> r) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.asString()).doesNotContain("script").doesNotContain("Ada")
        .doesNotContain("com.fasterxml").doesNotContain("Malformed");
    List<Map<String, String>> errors = r.jsonPath().getList("errors");
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  static final String NOT_UTF8 =
      "must be UTF-8 text (RFC 8259 §8.1); the body holds bytes that are not valid UTF-8";
  static final String CONTROL = "must not contain control characters (U+0000 to U+001F other"
      + " than tab, line feed and carriage return)";
  static final String SURROGATE = "must be valid Unicode text: it contains an unpaired surrogate";

  @Test
  void wellFormedUtf8OutsideAsciiIsAccepted() {
    given().contentType("application/json").body(person("Ada – 数学者 \\ud83d\\ude00 😀"))
        .post("/echo").then().statusCode(200);
    var r = given().contentType("application/json")
        .body(person("tab\\tnew\\nline\\r")).post("/echo").then().statusCode(200).extract();
    assertThat(r.jsonPath().getString("name")).isEqualTo("tab\tnew\nline\r");
  }

  @Test
  void anOverlongLessThanSignIsRefusedNotDecodedToMarkup() {
    // C0 BC is an overlong (two-byte) spelling of '<': lax decoders turn it into "<script>"
    Map<String, String> e = refused(post(person(concat(bytes(0xc0, 0xbc),
        "script".getBytes(StandardCharsets.US_ASCII), bytes(0xc0, 0xbe)))));
    assertThat(e).containsEntry("field", "$").containsEntry("message", NOT_UTF8);
  }

  @Test
  void anOverlongNulOfModifiedUtf8IsRefused() {
    assertThat(refused(post(person(concat("Ada".getBytes(StandardCharsets.US_ASCII),
        bytes(0xc0, 0x80)))))).containsEntry("message", NOT_UTF8);
  }

  @Test
  void aSurrogateEncodedInUtf8BytesIsRefused() {
    assertThat(refused(post(person(concat("Ada".getBytes(StandardCharsets.US_ASCII),
        bytes(0xed, 0xa0, 0x80)))))).containsEntry("message", NOT_UTF8);
  }

  @Test
  void truncatedAndStrayContinuationBytesAreRefused() {
    refused(post(person(concat("Ada".getBytes(StandardCharsets.US_ASCII), bytes(0xe6, 0x95)))));
    refused(post(person(concat("Ada".getBytes(StandardCharsets.US_ASCII), bytes(0x80)))));
    refused(post(person(concat("Ada".getBytes(StandardCharsets.US_ASCII), bytes(0xf8, 0x88, 0x80,
        0x80, 0x80)))));
  }

  @Test
  void unpairedSurrogateEscapesAreRefused() {
    for (String name : new String[] {"Ada\\ud800", "\\udc00Ada", "Ada\\udc00\\ud800",
        "Ada\\ud800x"}) {
      assertThat(refused(post(person(name)))).as(name)
          .containsEntry("field", "$.name").containsEntry("message", SURROGATE);
    }
  }

  @Test
  void anEscapedNulIsRefusedNamingTheField() {
    assertThat(refused(post(person("Ada\\u0000")))).containsEntry("field", "$.name")
        .containsEntry("message", CONTROL);
  }

  @Test
  void everyOtherC0ControlEscapeIsRefusedToo() {
    for (String escape : new String[] {"\\u0001", "\\u0008", "\\u000b", "\\u001b", "\\u001f",
        "\\b", "\\f"}) {
      assertThat(refused(post(person("Ada" + escape)))).as(escape)
          .containsEntry("message", CONTROL);
    }
  }

  @Test
  void aNulInAFieldNameIsRefusedWithoutEchoingTheName() {
    var r = post("{\"name\":\"Ada\",\"ag\\u0000e\":36}".getBytes(StandardCharsets.US_ASCII));
    assertThat(refused(r)).containsEntry("message", CONTROL).containsEntry("field", "$.<field>");
  }

  @Test
  void controlCharactersInsideNestedValuesAreFoundToo() {
    var r = post(("{\"name\":\"x\",\"age\":1,\"tags\":[\"a\\u0000\"],"
        + "\"address\":{\"street\":\"Main\"}}").getBytes(StandardCharsets.US_ASCII));
    assertThat(refused(r)).containsEntry("field", "$.tags[0]").containsEntry("message", CONTROL);
  }

  @Test
  void utf16AndUtf32BodiesAreRefused() {
    String json = "{\"name\":\"Ada\",\"age\":36}";
    for (String cs : new String[] {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"}) {
      ExtractableResponse<Response> r = post(json.getBytes(Charset.forName(cs)));
      assertThat(r.statusCode()).as(cs).isEqualTo(400);
      assertThat(r.contentType()).isEqualTo("application/problem+json");
    }
  }

  @Test
  void aByteOrderMarkIsRefused() {
    String message = "must not start with a byte order mark; send UTF-8 without one"
        + " (RFC 8259 §8.1)";
    byte[] json = "{\"name\":\"Ada\",\"age\":36}".getBytes(StandardCharsets.UTF_8);
    assertThat(refused(post(concat(bytes(0xef, 0xbb, 0xbf), json))))
        .containsEntry("message", message);
    assertThat(refused(post("{\"name\":\"Ada\",\"age\":36}".getBytes(StandardCharsets.UTF_16))))
        .containsEntry("message", message);
    assertThat(refused(post(concat(bytes(0xff, 0xfe),
        "{\"name\":\"Ada\",\"age\":36}".getBytes(StandardCharsets.UTF_16LE)))))
        .containsEntry("message", message);
  }

  @Test
  void aCharsetOtherThanUtf8Is415() {
    for (String cs : new String[] {"UTF-16", "ISO-8859-1", "utf-32", "x-unknown"}) {
      ExtractableResponse<Response> r = post("application/json; charset=" + cs,
          "{\"name\":\"Ada\",\"age\":36}".getBytes(StandardCharsets.US_ASCII));
      assertThat(r.statusCode()).as(cs).isEqualTo(415);
      assertThat(r.contentType()).isEqualTo("application/problem+json");
      assertThat(r.jsonPath().getString("detail")).isEqualTo("JSON request bodies must be UTF-8:"
          + " send Content-Type: application/json without a charset, or with charset=utf-8.");
    }
  }

  @Test
  void charsetUtf8IsAcceptedInAnyCase() {
    for (String cs : new String[] {"utf-8", "UTF-8", "Utf8"}) {
      assertThat(post("application/json; charset=" + cs, person("Ada")).statusCode()).as(cs)
          .isEqualTo(200);
    }
  }

  @Test
  void rawBytesOverTheWireAreJudgedTheSame() {
    byte[] body = person(concat("Ada".getBytes(StandardCharsets.US_ASCII), bytes(0xc0, 0xbc)));
    byte[] head = ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    RawHttp.Response r = RawHttp.send("127.0.0.1", server.port(), concat(head, body), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains(NOT_UTF8).doesNotContain("Ada");
  }

  @Test
  void eachRefusalFiresAValidationEventWithItsReason() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    post(person(bytes(0xc0, 0xbc)));
    post(person("\\u0000"));
    post(person("\\ud800"));
    post(concat(bytes(0xef, 0xbb, 0xbf), person("Ada")));
    post("application/json; charset=UTF-16", person("Ada"));
    assertThat(events.all()).extracting(SecurityEvent::reason).containsExactly("json_not_utf8",
        "json_control_character", "json_unpaired_surrogate", "json_byte_order_mark",
        "json_charset");
  }

  @Test
  void theNestingLimitStillHoldsOnTheCheckedParser() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    var d = given().contentType("application/json").body("{\"k\":" + deep + "}")
        .post("/echo/map").then().extract();
    assertThat(d.statusCode()).isEqualTo(400);
    assertThat(d.jsonPath().getString("errors[0].message")).contains("deeper than allowed");
  }
}
