package dev.gatehouse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.PeerAddressSource;
import dev.gatehouse.core.TrustedProxies;
import dev.gatehouse.core.support.AllocationBudget;
import dev.gatehouse.core.support.FuzzRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The client address of a request from any socket peer text and any {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto}, {@code Forwarded} and {@code X-Real-IP} lines, resolved as
 * {@link RequestContextFilter} does: the peer as {@link PeerAddresses} reports it, parsed by
 * {@link IpLiteral} ({@code 0.0.0.0} when it is not an address), then {@link ForwardedResolver}
 * under each forwarding configuration. Input: the peer on the first line, then header lines
 * ({@link FuzzRequest}).
 *
 * <p>Invariant: a resolution always comes back, without an exception, a hang (10 s per input) or
 * a DNS lookup ({@link DnsLookups}). A peer that is not a trusted proxy is the client, with no
 * forwarded scheme, whatever the headers say; the client's address is plain (IPv4-mapped
 * addresses as IPv4, no IPv6 scope) and its text parses back to it; a forwarded scheme is one
 * lower-case item. One resolution allocates at most 64 KiB + 512 bytes per input byte (fuzzing
 * measured 950 KB for 4 KB of header lines, about 300 bytes per byte of short ones).
 */
class ClientAddressFuzzTest {

  private static final AllocationBudget BUDGET = new AllocationBudget(64 * 1024, 512);
  private static final InetAddress UNKNOWN_PEER = IpLiteral.parse("0.0.0.0", false).orElseThrow();
  private static final List<String> PROXIES = List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8",
      "2001:db8:ff::/48");
  private static final List<TrustedProxies> CONFIGURATIONS = List.of(
      TrustedProxies.builder().trusted(PROXIES).build(),
      TrustedProxies.builder().trusted(PROXIES).forwardingHeader("forwarded").build(),
      TrustedProxies.builder().trusted(PROXIES).clientIpHeader("X-Real-IP").build(),
      TrustedProxies.builder().trusted(PROXIES).clientIpHeader("X-Real-IP")
          .forwardingHeader("forwarded").build());
  private static final PeerAddresses PEERS = new PeerAddresses(null);

  @FuzzTest
  @Timeout(10)
  void forwardingHeadersNameTheClientOnlyWhenATrustedProxySentThem(byte[] input) {
    FuzzRequest request = FuzzRequest.parse(input);
    if (request.preamble() != null) {
      request.properties().put(PeerAddressSource.PROPERTY, request.preamble());
    }
    int lookups = DnsLookups.count();
    for (TrustedProxies proxies : CONFIGURATIONS) {
      ForwardedResolver resolver = new ForwardedResolver(proxies);
      AllocationBudget.Outcome<Resolution> o = BUDGET.run(input.length, () -> {
        InetAddress peer = IpLiteral.parse(PEERS.peer(request.context()), false)
            .orElse(UNKNOWN_PEER);
        return new Resolution(peer, resolver.resolve(peer, request.headers()));
      });
      assertThat(o.thrown()).isNull();
      ClientAddress peer = ClientAddress.of(o.value().peer());
      ForwardedResolver.Origin origin = o.value().origin();
      ClientAddress client = origin.client();
      if (!proxies.isTrusted(peer.address())) {
        assertThat(client).isEqualTo(peer);
        assertThat(origin.proto()).isEmpty();
      }
      assertThat(IpLiteral.parse(client.text(), false)).contains(client.address());
      if (client.address() instanceof Inet6Address v6) {
        assertThat(v6.getScopeId()).isZero();
        assertThat(client.bucket()).endsWith("::/64");
      } else {
        assertThat(client.bucket()).isEqualTo(client.text());
      }
      origin.proto().ifPresent(p -> assertThat(p).doesNotContain(",")
          .isEqualTo(p.toLowerCase(java.util.Locale.ROOT)));
    }
    assertThat(DnsLookups.count()).as("DNS lookups").isEqualTo(lookups);
  }

  private record Resolution(InetAddress peer, ForwardedResolver.Origin origin) {
  }
}
