package dev.gatehouse.core.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses IP address literals without ever asking DNS: {@code InetAddress.getByName} is only called
 * on text that is already known to be an IPv6 literal, which the JDK parses without a lookup.
 * IPv4-mapped IPv6 addresses come back as IPv4.
 */
final class IpLiteral {

  private static final int MAX_IPV6_TEXT = 45;

  private IpLiteral() {
  }

  /**
   * Parses {@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]}, and with
   * {@code allowPort} also {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711}; anything else is
   * empty.
   */
  public static Optional<InetAddress> parse(String text, boolean allowPort) {
    if (text == null) {
      return Optional.empty();
    }
    String s = trimOws(text);
    if (s.isEmpty() || s.length() > MAX_IPV6_TEXT + 8) {
      return Optional.empty();
    }
    if (s.charAt(0) == '[') {
      int close = s.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      String rest = s.substring(close + 1);
      if (!rest.isEmpty() && !(allowPort && rest.startsWith(":") && isPort(rest.substring(1)))) {
        return Optional.empty();
      }
      return ipv6(s.substring(1, close));
    }
    int colon = s.indexOf(':');
    if (colon < 0) {
      return ipv4(s);
    }
    if (allowPort && s.indexOf(':', colon + 1) < 0) {
      // exactly one colon: IPv4 with a port (an IPv6 literal has at least two)
      return isPort(s.substring(colon + 1)) ? ipv4(s.substring(0, colon)) : Optional.empty();
    }
    return ipv6(s);
  }

  /**
   * Without the spaces and tabs around it (RFC 9110 §5.6.3 OWS) — only those: {@link String#trim()}
   * also drops control characters, and {@code 10.0.0.1\u001a} is not an address.
   */
  static String trimOws(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
      to--;
    }
    return text.substring(from, to);
  }

  private static boolean isPort(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return Integer.parseInt(s) <= 65535;
  }

  static Optional<InetAddress> ipv4(String s) {
    byte[] bytes = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || part > 3) {
          return Optional.empty();
        }
        bytes[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return Optional.empty();
        }
      } else {
        return Optional.empty();
      }
    }
    if (part != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  static Optional<InetAddress> ipv6(String s) {
    if (s.length() < 2 || s.length() > MAX_IPV6_TEXT || s.indexOf(':') < 0) {
      return Optional.empty();
    }
    // The JDK takes text for a literal only when it starts with a hex digit or a colon; anything
    // else goes to the resolver — ".:" in X-Forwarded-For was a DNS query per request (found by
    // CidrFuzzTest), blocking the request thread for as long as the resolver takes.
    if (Character.digit(s.charAt(0), 16) < 0 && s.charAt(0) != ':') {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
          || c == ':' || c == '.';
      if (!ok) {
        return Optional.empty();
      }
    }
    try {
      // Only hex digits, colons and dots, at least one colon, a hex digit or colon first: the JDK
      // treats this as an IPv6 literal and never performs a lookup (it throws instead).
      InetAddress a = InetAddress.getByName(s);
      return (a instanceof Inet6Address || a.getAddress().length == 4) ? Optional.of(a)
          : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
