package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.embedded.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow-body exhaustion: 200 connections from 200 addresses (127.0.0.2 to 127.0.0.201, so no
 * per-address limit stops them first) that each send a request head and then trickle their body
 * must not take the threads every other request needs — the service reads bodies before it gives a
 * request a thread, so {@code /health} still answers at once.
 */
class SlowClientsIT {

  private static final int TRICKLERS = 200;

  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), Map.of());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void twoHundredTricklingClientsDoNotStarveOtherRequests() throws Exception {
    List<Socket> tricklers = new ArrayList<>();
    try {
      for (int i = 0; i < TRICKLERS; i++) {
        Socket s = new Socket();
        s.bind(new InetSocketAddress("127.0.0." + (2 + i), 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        tricklers.add(s);
      }
      for (Socket s : tricklers) {
        s.getOutputStream().write('"');
        s.getOutputStream().flush();
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      long started = System.nanoTime();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + "/health"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.println("/health answered in " + millis + " ms beside " + TRICKLERS
          + " trickling clients");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("UP");
      // measured well under 100 ms; without eager body reading every thread is held and the
      // request times out — the bound only separates those two, whatever the machine's load
      assertThat(millis).as("ms to answer /health").isLessThan(5_000);
    } finally {
      for (Socket s : tricklers) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }
}
