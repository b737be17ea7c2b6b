package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BodySizeLimitTest {

  private static final int LIMIT = 64 * 1024;

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .property("gatehouse.body.max-bytes", String.valueOf(LIMIT))
      .build();

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  private static byte[] chunk(int size) {
    String head = Integer.toHexString(size) + "\r\n";
    String body = "a".repeat(size) + "\r\n";
    return (head + body).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] chunkedHead(String path, String contentType, String extraHeaders) {
    return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
        + "\r\nTransfer-Encoding: chunked\r\n" + extraHeaders + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void bodyAtTheLimitIsAccepted() {
    given().contentType("application/octet-stream").body(bytes(LIMIT)).post("/echo/stream")
        .then().statusCode(200).body("bytes", equalTo(LIMIT));
  }

  /** Only the head is sent: the answer must come before any body byte arrives. */
  private static RawHttp.Response declaring(long contentLength) {
    return RawHttp.send(server.port(), "POST /echo/stream HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: " + contentLength
        + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void declaredContentLengthAboveTheLimitIs413AtOnce() {
    RawHttp.Response r = declaring(LIMIT + 1);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Content-Type")).contains("application/problem+json");
    assertThat(r.body()).contains("\"title\":\"Content Too Large\"");
    assertThat(declaring(5L * 1024 * 1024 * 1024).status()).isEqualTo(413);
  }

  @Test
  void endlessChunkedBodyIsCutAtTheLimitWhileStreaming() {
    RawHttp.Response r = RawHttp.send("127.0.0.1", server.port(),
        chunkedHead("/echo/stream", "application/octet-stream", ""), chunk(8192));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).contains("\"status\":413");
  }

  @Test
  void endlessChunkedJsonIsCutAtTheLimit() {
    byte[] head = chunkedHead("/echo/map", "application/json", "");
    byte[] opening = "b\r\n{\"k\":[\"aa\",\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] start = new byte[head.length + opening.length];
    System.arraycopy(head, 0, start, 0, head.length);
    System.arraycopy(opening, 0, start, head.length, opening.length);
    byte[] more = "5\r\n\"aa\",\r\n".getBytes(StandardCharsets.US_ASCII);
    RawHttp.Response r = RawHttp.send("127.0.0.1", server.port(), start, more);
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void contentLengthAndTransferEncodingTogetherCannotSlipPastTheLimit() {
    RawHttp.Response r = RawHttp.send("127.0.0.1", server.port(),
        chunkedHead("/echo/stream", "application/octet-stream", "Content-Length: 5\r\n"),
        chunk(8192));
    assertThat(r.status()).isIn(400, 413);
  }

  @Test
  void lyingContentLengthReadsNoMoreThanDeclared() {
    String request = "POST /echo/stream HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: 10\r\nConnection: close\r\n\r\n"
        + "a".repeat(LIMIT * 2);
    RawHttp.Response r = RawHttp.send(server.port(), request);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("\"bytes\":10");
  }

  @Test
  void methodAnnotationLowersTheLimit() {
    given().contentType("text/plain").body("x".repeat(16)).post("/echo/small")
        .then().statusCode(200).body("length", equalTo(16));
    given().contentType("text/plain").body("x".repeat(17)).post("/echo/small")
        .then().statusCode(413);
  }

  @Test
  void methodAnnotationLowersTheLimitForChunkedBodiesToo() {
    RawHttp.Response r = RawHttp.send("127.0.0.1", server.port(),
        chunkedHead("/echo/small", "text/plain", ""), chunk(64));
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void methodAnnotationRaisesTheLimit() {
    given().contentType("text/plain").body("x".repeat(LIMIT * 4)).post("/echo/large")
        .then().statusCode(200).body("length", equalTo(LIMIT * 4));
  }

  @Test
  void tooLargeBodiesFireASecurityEvent() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    assertThat(declaring(LIMIT + 1).status()).isEqualTo(413);
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.BODY_TOO_LARGE);
      assertThat(e.path()).isEqualTo("/echo/stream");
      assertThat(e.method()).isEqualTo("POST");
    });
  }
}
