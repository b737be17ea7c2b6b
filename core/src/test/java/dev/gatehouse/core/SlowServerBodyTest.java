package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.embedded.EmbeddedServer.Limits;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production server limits judge the client, not the server: a body that arrived whole is
 * read however slowly a busy application gets through it, while a client trickling its body meets 408.
 * (Jetty's own minimum data rate measured the application's reads: under load, or on a cold
 * application's first request, a 60-byte login failed with 408 and surfaced as a 500.)
 */
class SlowServerBodyTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .register(BusyServer.class)
      .limits(Limits.production())
      .build();

  static final String PERSON = "{\"name\":\"Ada\",\"age\":36,\"active\":true}";

  /**
   * Stands for a busy machine — a GC pause, CPU starvation, a cold start's class loading — between
   * two reads of one body: the application reads a byte, and the rest 1.5 s later, when 256 B/s
   * would have required 384 bytes of a 40-byte body that arrived whole long before. (This waits on
   * purpose — the time is the condition; the outcome does not depend on the machine's speed.)
   */
  @PreMatching
  @Priority(1)
  public static class BusyServer implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) throws java.io.IOException {
      if (request.getHeaderString("X-Broken-Stream") != null) {
        // a container whose body stream fails with a runtime exception of its own
        request.setEntityStream(new InputStream() {
          @Override
          public int read() {
            throw new IllegalStateException("container: content failed");
          }
        });
        return;
      }
      if (request.getHeaderString("X-Busy") == null) {
        return;
      }
      InputStream body = request.getEntityStream();
      int first = body.read();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
      while (System.nanoTime() - until < 0) {
        LockSupport.parkNanos(until - System.nanoTime());
      }
      request.setEntityStream(new java.io.SequenceInputStream(
          new java.io.ByteArrayInputStream(new byte[] {(byte) first}), body));
    }
  }

  @Test
  void aWholeBodyReadSlowlyByABusyServerIsAccepted() {
    given().header("X-Busy", "yes").contentType("application/json").body(PERSON)
        .post("/echo").then().statusCode(200);
  }

  @Test
  void aContainersOwnFailureWhileReadingABodyIsA400ProblemNotA500() {
    given().header("X-Broken-Stream", "yes").contentType("application/json").body(PERSON)
        .post("/echo").then().statusCode(400).contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.equalTo("The request body could not be read."));
  }

  @Test
  void aClientTricklingItsBodyIsAnswered408() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      s.setSoTimeout(400);
      OutputStream out = s.getOutputStream();
      out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = null;
      // a byte whenever the server stays silent for 400 ms, as a slowloris client does
      for (int sent = 1; sent < 1000 && answer == null; sent++) {
        try {
          byte[] buffer = new byte[4096];
          int n = in.read(buffer);
          answer = n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException silent) {
          out.write(' ');
          out.flush();
        }
      }
      assertThat(answer).as("the server answered before the body was complete").isNotNull()
          .startsWith("HTTP/1.1 408");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT))
          .contains("content-type: application/problem+json");
    }
  }
}
