package dev.gatehouse.core;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The address of the client that sent a request, as resolved once per request by Gatehouse: the
 * socket peer, unless that peer is a trusted proxy (see {@link TrustedProxies}), in which case the
 * first untrusted hop of {@code Forwarded} / {@code X-Forwarded-For}, read from the right. Every
 * module (rate limits, security events) uses this one value, so spoofed headers from untrusted
 * peers change nothing anywhere.
 *
 * <pre>{@code
 * ClientAddress client = ClientAddress.of(requestContext).orElseThrow();
 * String key = client.bucket(); // "192.0.2.7" or "2001:db8:1:2::/64"
 * }</pre>
 */
public final class ClientAddress {

  /** The request property under which the resolved address is stored. */
  public static final String PROPERTY = "dev.gatehouse.core.client-address";

  private final InetAddress address;
  private final String text;
  private final String bucket;

  private ClientAddress(InetAddress address) {
    this.address = address;
    this.text = address.getHostAddress();
    this.bucket = address instanceof Inet6Address ? prefix64(address) : text;
  }

  /** Wraps an address; IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) become IPv4. */
  public static ClientAddress of(InetAddress address) {
    Objects.requireNonNull(address, "address");
    byte[] b = address.getAddress();
    if (b.length == 16 && isV4Mapped(b)) {
      try {
        return new ClientAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
      try {
        return new ClientAddress(InetAddress.getByAddress(b));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return new ClientAddress(address);
  }

  /** The address Gatehouse resolved for this request, if its core filter has run. */
  public static Optional<ClientAddress> of(ContainerRequestContext request) {
    Object value = request.getProperty(PROPERTY);
    return value instanceof ClientAddress c ? Optional.of(c) : Optional.empty();
  }

  public InetAddress address() {
    return address;
  }

  /** The address as text: dotted IPv4, or the JDK's full IPv6 form without a scope. */
  public String text() {
    return text;
  }

  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /**
   * The key to count this client under: the IPv4 address, or the /64 network of an IPv6 address
   * (one subscriber usually holds a whole /64, so counting single IPv6 addresses is no limit).
   */
  public String bucket() {
    return bucket;
  }

  private static String prefix64(InetAddress address) {
    byte[] b = address.getAddress();
    StringBuilder s = new StringBuilder(24);
    for (int i = 0; i < 8; i += 2) {
      s.append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF))).append(':');
    }
    return s.append(":/64").toString();
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientAddress c && c.address.equals(address);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
