package dev.gatehouse.cors.internal;

import dev.gatehouse.cors.CorsSettings;
import java.util.Locale;
import java.util.Optional;

/**
 * A serialised origin (RFC 6454 §6.2): {@code scheme://host[:port]}, nothing else. Scheme and host
 * compare case-insensitively; a default port ({@code :443} for https, {@code :80} for http) is the
 * same as none; any other port must match exactly. Anything with a path, query, fragment, user
 * info, wildcard, percent-escape, backtick or other stray character does not parse — such text is
 * never an origin a browser sends, so it never matches.
 */
public record Origin(String scheme, String host, int port) {

  /** The example every origin message ends with. */
  public static final String EXAMPLE = "e.g. https://app.example.com";

  /** Parses strictly; empty for anything that is not a serialised origin. */
  public static Optional<Origin> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 260) {
      return Optional.empty();
    }
    // Printable ASCII first: lower-casing maps the Kelvin sign to 'k', and Character.isDigit and
    // parseInt take any script's digits, so "https://\u212Aiosk.example.com" and a port of
    // Arabic-Indic digits matched an allowed origin and were echoed back as sent.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return Optional.empty();
      }
    }
    String s = text.toLowerCase(Locale.ROOT);
    String scheme;
    if (s.startsWith("https://")) {
      scheme = "https";
    } else if (s.startsWith("http://")) {
      scheme = "http";
    } else {
      return Optional.empty();
    }
    String rest = s.substring(scheme.length() + 3);
    String host;
    String portText = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = rest.substring(0, close + 1);
      if (close == 1 || !allIn(rest, 1, close, "0123456789abcdef:.")) {
        return Optional.empty();
      }
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          return Optional.empty();
        }
        portText = after.substring(1);
      }
    } else {
      int colon = rest.indexOf(':');
      host = colon < 0 ? rest : rest.substring(0, colon);
      portText = colon < 0 ? null : rest.substring(colon + 1);
      if (!validHost(host)) {
        return Optional.empty();
      }
    }
    int port = scheme.equals("https") ? 443 : 80;
    if (portText != null) {
      if (portText.isEmpty() || portText.length() > 5
          || !allIn(portText, 0, portText.length(), "0123456789")) {
        return Optional.empty();
      }
      port = Integer.parseInt(portText);
      if (port < 1 || port > 65535) {
        return Optional.empty();
      }
    }
    return Optional.of(new Origin(scheme, host, port));
  }

  /**
   * Why {@code value} cannot be an allowed origin, or null when it can: the rule and its fix, for a
   * message that names where the value came from ({@code *} is the caller's to handle).
   *
   * @param insecureAllowed whether {@code http://} origins other than loopback ones are permitted
   */
  public static String problem(String value, boolean insecureAllowed) {
    if (value == null || value.equalsIgnoreCase("null")) {
      return "is the origin of sandboxed frames and local files, which any page can take on;"
          + " list the exact origins, " + EXAMPLE;
    }
    if (value.contains("*")) {
      return "has a wildcard; list each exact origin instead, " + EXAMPLE;
    }
    Optional<Origin> parsed = parse(value);
    if (parsed.isEmpty()) {
      return "is not an exact origin (scheme://host[:port], without path, query, user info or"
          + " wildcard); " + EXAMPLE;
    }
    if (parsed.get().scheme().equals("http") && !parsed.get().isLoopback() && !insecureAllowed) {
      return "is not HTTPS, so anyone on the network path can impersonate it; use https://, or"
          + " set " + CorsSettings.INSECURE + "=true for development";
    }
    return null;
  }

  /**
   * DNS labels of letters, digits and hyphens, separated by single dots. One pass over the
   * characters, as every request with an origin not allowed verbatim comes here: a stream per
   * label made a 74-byte host of one-letter labels allocate 70 KB (found by OriginFuzzTest).
   */
  private static boolean validHost(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= host.length(); i++) {
      char c = i < host.length() ? host.charAt(i) : '.';
      if (c == '.') {
        int length = i - labelStart;
        if (length == 0 || length > 63 || host.charAt(labelStart) == '-'
            || host.charAt(i - 1) == '-') {
          return false;
        }
        labelStart = i + 1;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Whether every character of {@code s[from, to)} is one of {@code allowed}. */
  private static boolean allIn(String s, int from, int to, String allowed) {
    for (int i = from; i < to; i++) {
      if (allowed.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  public boolean isLoopback() {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
  }

  /** The canonical text, without a default port. */
  @Override
  public String toString() {
    boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }
}
