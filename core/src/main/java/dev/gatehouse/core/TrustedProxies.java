package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.core.internal.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Which socket peers are reverse proxies whose forwarding headers are believed.
 *
 * <ul>
 *   <li>{@code gatehouse.proxy.trusted}: comma-separated IPv4/IPv6 CIDRs or addresses; default
 *       none, so {@code Forwarded}, {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are
 *       ignored and the client is always the socket peer. A /0 network is refused: it would let
 *       anyone on the Internet choose their own address.
 *   <li>{@code gatehouse.proxy.forwarding-header}: the one forwarding header the trusted proxies
 *       write — {@code x-forwarded-for} (default: {@code X-Forwarded-For} and
 *       {@code X-Forwarded-Proto}, as nginx, HAProxy and cloud load balancers append them) or
 *       {@code forwarded} (RFC 7239 {@code Forwarded: for=…;proto=…}). The other is ignored even
 *       from trusted proxies: proxies append their own header and pass the other through
 *       untouched, so believing both would let a client write its own address.
 *   <li>{@code gatehouse.proxy.client-ip-header}: a single-address header such as
 *       {@code X-Real-IP} or {@code CF-Connecting-IP} that the trusted proxy sets; default none.
 *       Such headers are ignored unless named here, and even then only from trusted peers.
 * </ul>
 *
 * <pre>{@code
 * TrustedProxies proxies = TrustedProxies.builder().trusted(List.of("10.0.0.0/8")).build();
 * }</pre>
 */
public final class TrustedProxies {

  public static final String TRUSTED = "gatehouse.proxy.trusted";
  public static final String CLIENT_IP_HEADER = "gatehouse.proxy.client-ip-header";
  public static final String FORWARDING_HEADER = "gatehouse.proxy.forwarding-header";

  /** The forwarding header trusted proxies write. */
  public enum ForwardingHeader {
    /** {@code X-Forwarded-For} with {@code X-Forwarded-Proto}: the default. */
    X_FORWARDED_FOR,
    /** RFC 7239 {@code Forwarded}, with its {@code for} and {@code proto} parameters. */
    FORWARDED
  }

  private final List<Cidr> networks;
  private final String clientIpHeader;
  private final ForwardingHeader forwardingHeader;

  private TrustedProxies(Builder b) {
    this.networks = List.copyOf(b.networks);
    this.clientIpHeader = b.clientIpHeader;
    this.forwardingHeader = b.forwardingHeader;
  }

  /** No trusted proxies: the default. */
  public static TrustedProxies none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static TrustedProxies fromConfig(Config config) {
    return ConfigReader.read(config, TrustedProxies::read);
  }

  static TrustedProxies read(ConfigReader in) {
    Builder b = builder();
    in.list(TRUSTED).ifPresent(v -> in.apply(b::trusted, v));
    in.string(CLIENT_IP_HEADER).ifPresent(v -> in.apply(b::clientIpHeader, v));
    in.string(FORWARDING_HEADER).ifPresent(v -> in.apply(b::forwardingHeader, v));
    return in.attempt(b::build).orElseGet(TrustedProxies::none);
  }

  public boolean isTrusted(InetAddress address) {
    for (Cidr n : networks) {
      if (n.contains(address)) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return networks.isEmpty();
  }

  public Optional<String> clientIpHeader() {
    return Optional.ofNullable(clientIpHeader);
  }

  /** The one forwarding header believed from trusted proxies. */
  public ForwardingHeader forwardingHeader() {
    return forwardingHeader;
  }

  @Override
  public String toString() {
    return "TrustedProxies" + networks + " via "
        + (clientIpHeader != null ? clientIpHeader
            : forwardingHeader == ForwardingHeader.FORWARDED ? "Forwarded" : "X-Forwarded-For");
  }

  /** Validates each value as it is set. */
  public static final class Builder {
    private final List<Cidr> networks = new ArrayList<>();
    private String clientIpHeader;
    private ForwardingHeader forwardingHeader = ForwardingHeader.X_FORWARDED_FOR;

    private Builder() {
    }

    public Builder trusted(List<String> cidrs) {
      List<Cidr> parsed = new ArrayList<>();
      for (String c : cidrs) {
        Cidr cidr = Cidr.parse(c).orElseThrow(() -> new IllegalArgumentException(
            ConfigReader.describe(TRUSTED, c, "is not an IP address or CIDR network; use e.g."
                + " 10.0.0.0/8, 192.168.1.10 or fd00::/8")));
        if (cidr.prefixLength() == 0) {
          throw new IllegalArgumentException(ConfigReader.describe(TRUSTED, c,
              "trusts every address, so any client could forge its address with"
                  + " X-Forwarded-For; list only your proxies' networks, e.g. 10.0.0.0/8"));
        }
        parsed.add(cidr);
      }
      networks.clear();
      networks.addAll(parsed);
      return this;
    }

    public Builder clientIpHeader(String header) {
      if (header == null || !header.matches("[A-Za-z0-9-]{1,64}")) {
        throw new IllegalArgumentException(ConfigReader.describe(CLIENT_IP_HEADER, header,
            "is not an HTTP header name; use e.g. X-Real-IP"));
      }
      this.clientIpHeader = header;
      return this;
    }

    /** {@code x-forwarded-for} or {@code forwarded}. */
    public Builder forwardingHeader(String header) {
      String h = header == null ? "" : header.trim().toLowerCase(java.util.Locale.ROOT);
      this.forwardingHeader = switch (h) {
        case "x-forwarded-for" -> ForwardingHeader.X_FORWARDED_FOR;
        case "forwarded" -> ForwardingHeader.FORWARDED;
        default -> throw new IllegalArgumentException(ConfigReader.describe(FORWARDING_HEADER,
            header, "must be x-forwarded-for or forwarded: the header your proxies write"));
      };
      return this;
    }

    public TrustedProxies build() {
      if (clientIpHeader != null && networks.isEmpty()) {
        throw new IllegalArgumentException(ConfigReader.describe(CLIENT_IP_HEADER, clientIpHeader,
            "has no effect without " + TRUSTED + "; list the proxies that set it"));
      }
      return new TrustedProxies(this);
    }
  }
}
