package dev.gatehouse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.TrustedProxies;
import dev.gatehouse.core.support.AllocationBudget;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * {@code gatehouse.proxy.trusted} entries and IP literals of any text: {@link Cidr#parse},
 * {@link IpLiteral#parse} (with and without a port) and the {@link TrustedProxies} builder that
 * refuses a bad entry at start-up.
 *
 * <p>Invariant: parsing gives a value or empty, and the builder a value or an
 * {@link IllegalArgumentException} naming {@code gatehouse.proxy.trusted} — never another
 * exception, never a hang (10 s per input), never a DNS lookup ({@link DnsLookups}). A parsed
 * network is written in ASCII, has no bits set past its prefix, contains the address it was
 * written with, and its text parses to the same network; a parsed address's own text parses to
 * it. One input allocates at most 64 KiB + 64 bytes per input byte (fuzzing measured 16 KB for
 * 11 bytes — the refusal of the builder — and 36 bytes per byte of long inputs).
 */
class CidrFuzzTest {

  private static final AllocationBudget BUDGET = new AllocationBudget(64 * 1024, 64);

  @FuzzTest
  @Timeout(10)
  void aParsedNetworkContainsTheAddressItWasWrittenWith(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int lookups = DnsLookups.count();
    AllocationBudget.Outcome<Optional<Cidr>> o = BUDGET.run(input.length, () -> Cidr.parse(text));
    assertThat(o.thrown()).isNull();
    Optional<Cidr> parsed = o.value();
    if (parsed.isPresent()) {
      Cidr c = parsed.get();
      String s = text.trim();
      assertThat(s.chars()).allMatch(ch -> ch > 0x20 && ch < 0x7f);
      assertThat(c.text()).isEqualTo(s);
      assertThat(c.prefixLength()).isBetween(0, c.network().length * 8);
      assertThat(Cidr.mask(c.network(), c.prefixLength())).isEqualTo(c.network());
      int slash = s.indexOf('/');
      InetAddress written = IpLiteral.parse(slash < 0 ? s : s.substring(0, slash), false)
          .orElseThrow();
      assertThat(c.contains(written)).isTrue();
      assertThat(Cidr.parse(c.toString())).contains(c);
    }
    for (boolean port : new boolean[] {false, true}) {
      AllocationBudget.Outcome<Optional<InetAddress>> ip =
          BUDGET.run(input.length, () -> IpLiteral.parse(text, port));
      assertThat(ip.thrown()).isNull();
      ip.value().ifPresent(a ->
          assertThat(IpLiteral.parse(a.getHostAddress(), false)).contains(a));
    }
    AllocationBudget.Outcome<TrustedProxies> built = BUDGET.run(input.length,
        () -> TrustedProxies.builder().trusted(List.of(text)).build());
    if (built.thrown() != null) {
      assertThat(built.thrown()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(TrustedProxies.TRUSTED);
    } else {
      assertThat(parsed).isPresent();
      assertThat(parsed.get().prefixLength()).isPositive();
    }
    assertThat(DnsLookups.count()).as("DNS lookups for %s", text).isEqualTo(lookups);
  }
}
