package dev.gatehouse.core.internal;

import java.net.InetAddress;
import java.util.Optional;

/** An IPv4 or IPv6 network in CIDR notation; an address alone is a /32 or /128 network. */
public record Cidr(byte[] network, int prefixLength, String text) {

  /** Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a single address; empty if malformed. */
  public static Optional<Cidr> parse(String text) {
    String s = IpLiteral.trimOws(text);
    if (s.indexOf(' ') >= 0 || s.indexOf('\t') >= 0) {
      return Optional.empty(); // "10.0.0.0 /8": a network is written without spaces
    }
    int slash = s.indexOf('/');
    String addressText = slash < 0 ? s : s.substring(0, slash);
    Optional<InetAddress> address = IpLiteral.parse(addressText, false);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = address.get().getAddress();
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      // ASCII digits only: Character.isDigit and parseInt take any script's, "/٨" among them
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(mask(bytes, prefix), prefix, s));
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    byte[] masked = mask(candidate, prefixLength);
    for (int i = 0; i < masked.length; i++) {
      if (masked[i] != network[i]) {
        return false;
      }
    }
    return true;
  }

  static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (bitsHere == 0 ? 0 : (0xFF << (8 - bitsHere)) & 0xFF));
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefixLength == prefixLength
        && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefixLength;
  }
}
