package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests a client broke on purpose — headers that are not media types, bodies that are not valid
 * HTTP framing — are the client's error: a 400 problem with the security headers and a request id,
 * never an empty answer, never a 500 or a server-error event that an attacker could produce at will.
 */
class MalformedRequestsTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  private static void isA400Problem(RawHttp.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.header("Content-Type")).contains("application/problem+json");
    assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.header("X-Request-Id")).isPresent();
    assertThat(r.body()).contains("\"status\":400").doesNotContain("Exception");
    assertThat(server.cdi().select(RecordedEvents.class).get().all())
        .noneMatch(e -> e.type() == SecurityEventType.SERVER_ERROR);
  }

  @Test
  void aContentTypeThatIsNotAMediaTypeIsA400Problem() {
    isA400Problem(RawHttp.send(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: garbage\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
  }

  @Test
  void anAcceptThatIsNotAMediaTypeIsA400Problem() {
    isA400Problem(RawHttp.send(server.port(), "GET /echo/items/1 HTTP/1.1\r\nHost: x\r\n"
        + "Accept: ;;;garbage/\r\nConnection: close\r\n\r\n"));
  }

  @Test
  void aMalformedChunkedBodyIsA400Problem() {
    isA400Problem(RawHttp.send(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close"
        + "\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));
  }

  @Test
  void aBodyEndingBeforeItsContentLengthIsA400Problem() {
    isA400Problem(RawHttp.sendAndHalfClose(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close"
        + "\r\n\r\n{\"name\":"));
  }
}
