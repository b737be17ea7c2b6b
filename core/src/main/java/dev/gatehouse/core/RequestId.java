package dev.gatehouse.core;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The id of one request, made by Gatehouse for every request (96 random bits, 16 characters of
 * base64url) and carried into the {@code X-Request-Id} response header, every problem body, every
 * security event and the server log, so that a user's report can be matched to the log.
 *
 * <p>A client's own {@code X-Request-Id} never becomes that id: an id the client chooses could
 * repeat another request's (one report, two log trails) or smuggle text into logs. It is kept
 * beside Gatehouse's — {@code clientRequestId} in security events and in the log line of an
 * unexpected failure, never in the response — only when it is 1 to {@value #CLIENT_MAX_LENGTH} of
 * {@code A-Z a-z 0-9 . _ : -} (a UUID, a W3C trace id, {@code service:1234}); anything else, and
 * several {@code X-Request-Id} headers, is dropped: neither echoed nor logged.
 *
 * <pre>{@code
 * String ours = RequestId.of(request).orElseThrow();          // what the client is shown
 * Optional<String> theirs = RequestId.client(request);       // to follow their trace
 * }</pre>
 */
public final class RequestId {

  public static final String HEADER = "X-Request-Id";
  /** Request property: Gatehouse's id of the request. */
  public static final String PROPERTY = "dev.gatehouse.core.request-id";
  /** Request property: the client's {@code X-Request-Id}, present only when it is safe. */
  public static final String CLIENT_PROPERTY = "dev.gatehouse.core.client-request-id";
  /** The longest client id kept. */
  public static final int CLIENT_MAX_LENGTH = 64;

  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestId() {
  }

  /** The id Gatehouse assigned to this request, if its core filter has run. */
  public static Optional<String> of(ContainerRequestContext request) {
    Object v = request.getProperty(PROPERTY);
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** The client's own {@code X-Request-Id} for this request, if it sent a safe one. */
  public static Optional<String> client(ContainerRequestContext request) {
    Object v = request.getProperty(CLIENT_PROPERTY);
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /**
   * A client-sent {@code X-Request-Id} header value, if it is safe to keep beside Gatehouse's id;
   * empty when absent or when it is anything but 1 to 64 of {@code A-Z a-z 0-9 . _ : -}.
   */
  public static Optional<String> fromClient(String offered) {
    return isSafeClientId(offered) ? Optional.of(offered) : Optional.empty();
  }

  /** A new random id. */
  public static String generate() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static boolean isSafeClientId(String s) {
    if (s == null || s.isEmpty() || s.length() > CLIENT_MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
