package dev.gatehouse.core;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The id of one request, carried into the {@code X-Request-Id} response header, every problem body,
 * every security event and the server log, so that a user's report can be matched to the log. A
 * client-sent {@code X-Request-Id} is kept only when it is a sane token (1 to 64 of
 * {@code A-Z a-z 0-9 . _ -}); otherwise a random one is made.
 */
public final class RequestId {

  public static final String HEADER = "X-Request-Id";
  public static final String PROPERTY = "dev.gatehouse.core.request-id";

  private static final int MAX_LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestId() {
  }

  /** The id Gatehouse assigned to this request, if its core filter has run. */
  public static Optional<String> of(ContainerRequestContext request) {
    Object v = request.getProperty(PROPERTY);
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** The client's id when sane, else a new random one. */
  public static String accept(String offered) {
    return isSane(offered) ? offered : generate();
  }

  public static String generate() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static boolean isSane(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
