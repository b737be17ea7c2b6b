package dev.gatehouse.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The few HTTP exchanges the Keycloak harness has — forms to the token endpoints, JSON to the admin
 * REST API — on the JDK's client and Jackson, so the harness brings no Keycloak library. Every
 * unexpected status fails with the method, the URL and Keycloak's answer (its {@code error} and
 * {@code error_description}; Keycloak never echoes a secret or a token in one).
 */
final class KeycloakHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** One answer: its status, body and {@code Location} header (empty when absent). */
  record Answer(String what, int status, String body, String location) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(what + " answered " + status + " with a body that is not "
            + "JSON: " + body, e);
      }
    }

    /** This answer when its status is {@code expected}, else an exception that shows it. */
    Answer expect(int... expected) {
      for (int e : expected) {
        if (status == e) {
          return this;
        }
      }
      throw new IllegalStateException(what + " answered " + status + ": " + body);
    }
  }

  Answer postForm(URI uri, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), "POST " + uri);
  }

  Answer get(URI uri, String bearer) {
    return send(authorized(uri, bearer).GET(), "GET " + uri);
  }

  Answer postJson(URI uri, String bearer, Object body) {
    return send(authorized(uri, bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))), "POST " + uri);
  }

  Answer putJson(URI uri, String bearer, Object body) {
    return send(authorized(uri, bearer).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(body))), "PUT " + uri);
  }

  Answer put(URI uri, String bearer) {
    return send(authorized(uri, bearer).PUT(HttpRequest.BodyPublishers.noBody()), "PUT " + uri);
  }

  Answer post(URI uri, String bearer) {
    return send(authorized(uri, bearer).POST(HttpRequest.BodyPublishers.noBody()), "POST " + uri);
  }

  private static HttpRequest.Builder authorized(URI uri, String bearer) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "application/json");
    return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
  }

  private Answer send(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(what, response.statusCode(), response.body(),
          response.headers().firstValue("Location").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    }
  }

  private static byte[] bytes(Object body) {
    if (body instanceof byte[] raw) {
      return raw;
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
