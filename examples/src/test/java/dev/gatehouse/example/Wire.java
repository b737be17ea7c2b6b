package dev.gatehouse.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The notes API over the JDK's HTTP client, for races: thread-safe, one pool of kept-alive
 * connections per instance, and a bound on every call — connecting and answering — so a stuck
 * server fails the test instead of hanging it. (rest-assured's {@link Client} opens a connection
 * per call and has no per-call bound.)
 */
final class Wire {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A status and the JSON body (missing when there is none). */
  record Answer(int status, JsonNode body) {
    boolean shed() {
      return SHED.contains(status);
    }

    String text(String field) {
      JsonNode v = body.get(field);
      if (v == null || !v.isTextual()) {
        throw new AssertionError("no \"" + field + "\" in the " + status + " answer " + body);
      }
      return v.asText();
    }
  }

  /**
   * The answers the example gives a request it sheds under load — 503 with {@code Retry-After}
   * (a store or connection pool busy past its bound), 408 (a body slower than the read timeout)
   * — after which the request may be sent again. Never 500.
   */
  static final Set<Integer> SHED = Set.of(408, 503);

  final String name;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT).build();

  Wire(String name, int port) {
    this.name = name;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * {@code call}, sent again (at most five times more) while its answer is shed. No pause between:
   * a shed answer comes only after the service waited its bound for the busy resource (a second
   * for the database pool and password hashing).
   */
  static Answer retryingShed(Supplier<Answer> call) {
    Answer r = call.get();
    for (int i = 0; i < 5 && r.shed(); i++) {
      r = call.get();
    }
    return r;
  }

  Answer login(String email, String password) {
    return post("/auth/login", Map.of("email", email, "password", password), null, null);
  }

  /** A login as a trusted proxy forwards it for the client {@code ip}. */
  Answer loginFrom(String ip, String email, String password) {
    return post("/auth/login", Map.of("email", email, "password", password), null, ip);
  }

  Answer register(String email, String password) {
    return post("/auth/register", Map.of("email", email, "password", password,
        "displayName", "Racer"), null, null);
  }

  Answer refresh(String refreshToken) {
    return post("/auth/refresh", Map.of("refresh_token", refreshToken), null, null);
  }

  Answer logout(String accessToken, String refreshToken) {
    return post("/auth/logout", Map.of("refresh_token", refreshToken), accessToken, null);
  }

  Answer deleteMe(String accessToken) {
    return send(HttpRequest.newBuilder(base.resolve("/me")).DELETE()
        .header("Authorization", "Bearer " + accessToken));
  }

  Answer createNote(String accessToken, String title) {
    return post("/notes", Map.of("title", title, "body", "text"), accessToken, null);
  }

  Answer updateNote(String accessToken, long id, String title) {
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/notes/" + id))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + accessToken);
    try {
      r.PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
          Map.of("title", title, "body", "changed"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(r);
  }

  Answer deleteNote(String accessToken, long id) {
    return send(HttpRequest.newBuilder(base.resolve("/notes/" + id)).DELETE()
        .header("Authorization", "Bearer " + accessToken));
  }

  Answer me(String accessToken) {
    return send(HttpRequest.newBuilder(base.resolve("/me")).GET()
        .header("Authorization", "Bearer " + accessToken));
  }

  private Answer post(String path, Map<String, String> body, String bearer, String forwardedFor) {
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json");
    try {
      r.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bearer != null) {
      r.header("Authorization", "Bearer " + bearer);
    }
    if (forwardedFor != null) {
      r.header("X-Forwarded-For", forwardedFor);
    }
    return send(r);
  }

  private Answer send(HttpRequest.Builder request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.timeout(ANSWER_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    byte[] bytes = response.body();
    JsonNode body = MissingNode.getInstance();
    if (bytes.length > 0) {
      try {
        body = JSON.readTree(bytes);
      } catch (IOException notJson) {
        body = JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return new Answer(response.statusCode(), body);
  }

  /** The session ({@code sid}) an access token was issued in, read without verifying it. */
  static String sessionOf(String accessToken) {
    String[] parts = accessToken.split("\\.");
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("sid").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
