package dev.gatehouse.core.internal;

import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.TrustedProxies;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the client address and the scheme the client used, from the socket peer and — only
 * when the peer is a trusted proxy — the one forwarding header the proxies write
 * ({@code gatehouse.proxy.forwarding-header}; the other is ignored, since proxies pass it through
 * from the client untouched). Headers are walked from the right (the entry the nearest proxy
 * appended) and trusted hops are skipped, so a client cannot insert an address of its choice by
 * sending its own {@code X-Forwarded-For}. Malformed headers fall back to the peer.
 */
final class ForwardedResolver {

  private static final int MAX_HOPS = 32;

  private final TrustedProxies proxies;

  public ForwardedResolver(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  /** The outcome for one request. {@code proto} is the forwarded scheme, lower case, if any. */
  public record Origin(ClientAddress client, Optional<String> proto) {
  }

  public Origin resolve(InetAddress peer, MultivaluedMap<String, String> headers) {
    ClientAddress direct = ClientAddress.of(peer);
    if (!proxies.isTrusted(direct.address())) {
      return new Origin(direct, Optional.empty());
    }
    boolean rfc7239 = proxies.forwardingHeader() == TrustedProxies.ForwardingHeader.FORWARDED;
    Optional<String> custom = proxies.clientIpHeader();
    if (custom.isPresent()) {
      List<String> values = headers.get(custom.get());
      if (values != null && values.size() == 1) {
        Optional<InetAddress> a = IpLiteral.parse(values.get(0), true);
        if (a.isPresent()) {
          Optional<String> proto = rfc7239
              ? fromForwarded(direct, headers.get("Forwarded")).proto()
              : single(headers, "X-Forwarded-Proto");
          return new Origin(ClientAddress.of(a.get()), proto);
        }
      }
    }
    if (rfc7239) {
      List<String> forwarded = headers.get("Forwarded");
      return forwarded == null || forwarded.isEmpty() ? new Origin(direct, Optional.empty())
          : fromForwarded(direct, forwarded);
    }
    List<String> xff = headers.get("X-Forwarded-For");
    if (xff != null && !xff.isEmpty()) {
      return fromXForwardedFor(direct, xff, headers.get("X-Forwarded-Proto"));
    }
    return new Origin(direct, single(headers, "X-Forwarded-Proto"));
  }

  /** RFC 7239 §5.2 {@code for=} and §5.4 {@code proto=} of the first untrusted hop. */
  private Origin fromForwarded(ClientAddress peer, List<String> lines) {
    if (lines == null || lines.isEmpty()) {
      return new Origin(peer, Optional.empty());
    }
    List<String> elements = split(lines, ',');
    if (elements == null) {
      return new Origin(peer, Optional.empty());
    }
    Origin chosen = null;
    for (int i = elements.size() - 1; i >= 0; i--) {
      String forValue = null;
      String proto = null;
      for (String pair : elements.get(i).split(";")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = unquote(pair.substring(eq + 1).trim());
        if (name.equals("for")) {
          forValue = value;
        } else if (name.equals("proto")) {
          proto = value.toLowerCase(Locale.ROOT);
        }
      }
      Optional<InetAddress> hop = IpLiteral.parse(forValue, true);
      if (hop.isEmpty()) {
        // "unknown", an obfuscated identifier or garbage: nothing to the left can be believed
        return new Origin(peer, Optional.empty());
      }
      chosen = new Origin(ClientAddress.of(hop.get()), Optional.ofNullable(proto));
      if (!proxies.isTrusted(chosen.client().address())) {
        return chosen;
      }
    }
    return chosen == null ? new Origin(peer, Optional.empty()) : chosen;
  }

  private Origin fromXForwardedFor(ClientAddress peer, List<String> lines, List<String> protoLines) {
    List<String> hops = split(lines, ',');
    if (hops == null || hops.isEmpty()) {
      return new Origin(peer, Optional.empty());
    }
    List<String> protos = protoLines == null ? List.of() : split(protoLines, ',');
    ClientAddress chosen = null;
    int index = -1;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = IpLiteral.parse(hops.get(i), true);
      if (hop.isEmpty()) {
        return new Origin(peer, Optional.empty());
      }
      chosen = ClientAddress.of(hop.get());
      index = i;
      if (!proxies.isTrusted(chosen.address())) {
        break;
      }
    }
    Optional<String> proto = Optional.empty();
    if (protos != null && protos.size() == hops.size()) {
      proto = Optional.of(protos.get(index).toLowerCase(Locale.ROOT));
    } else if (protos != null && protos.size() == 1) {
      proto = Optional.of(protos.get(0).toLowerCase(Locale.ROOT));
    }
    return new Origin(chosen, proto);
  }

  private static Optional<String> single(MultivaluedMap<String, String> headers, String name) {
    List<String> values = headers.get(name);
    if (values == null || values.size() != 1 || values.get(0).indexOf(',') >= 0) {
      return Optional.empty();
    }
    return Optional.of(values.get(0).trim().toLowerCase(Locale.ROOT));
  }

  /** All comma-separated items of all header lines, in order; null when absurdly many. */
  private static List<String> split(List<String> lines, char separator) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String item : line.split(String.valueOf(separator))) {
        String t = item.trim();
        if (!t.isEmpty()) {
          out.add(t);
        }
        if (out.size() > MAX_HOPS) {
          return null;
        }
      }
    }
    return out;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1)
        : v;
  }
}
