package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that trickles its body cannot hold a request thread for longer than
 * {@code gatehouse.body.read-timeout}: the read fails at the deadline and the answer is 408 with a
 * {@code BODY_TOO_SLOW} event. (The server reads bodies as they arrive here, as a runtime without
 * eager body reading does.)
 */
class SlowBodyTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .property("gatehouse.body.read-timeout", "PT1S")
      .build();

  @Test
  void aBodyStillArrivingAfterTheReadTimeoutIsAnsweredWith408() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\nConnection: close\r\n\r\n{\"name\":\"")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      // one byte at a time until the server answers (at most 100 bytes, a fraction of the body)
      for (int i = 0; i < 100 && in.available() == 0; i++) {
        try {
          out.write('a');
          out.flush();
        } catch (java.io.IOException serverClosed) {
          break;
        }
        Thread.sleep(100); // the client's own pace, not a wait for the server
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String response = answer.toString(StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 408");
      assertThat(response).contains("application/problem+json").contains("nosniff");
    }
    assertThat(server.cdi().select(RecordedEvents.class).get().all())
        .anyMatch(e -> e.type() == SecurityEventType.BODY_TOO_SLOW);
  }
}
