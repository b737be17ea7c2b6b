package dev.gatehouse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

  @ParameterizedTest
  @CsvSource({
      "192.0.2.1, false, 192.0.2.1",
      "192.0.2.1:8080, true, 192.0.2.1",
      "[2001:db8::1]:443, true, 2001:db8:0:0:0:0:0:1",
      "[2001:db8::1], false, 2001:db8:0:0:0:0:0:1",
      "2001:db8::1, true, 2001:db8:0:0:0:0:0:1",
      "::ffff:192.0.2.1, false, 192.0.2.1"})
  void parsesAddressLiterals(String text, boolean allowPort, String expected) {
    assertThat(IpLiteral.parse(text, allowPort)).map(InetAddress::getHostAddress)
        .contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1",
      "1.2.3.-4", "01234.1.1.1", " ", "192.0.2.1:8080", "[::1]x", "fe80::1%eth0", "::g",
      "a.b.c.d", "0x7f.0.0.1", "1:2:3:4:5:6:7:8:9"})
  void rejectsAnythingElseWithoutDns(String text) {
    assertThat(IpLiteral.parse(text, false)).isEmpty();
  }

  /** The JDK resolves colon text that starts with anything but a hex digit or a colon. */
  @ParameterizedTest
  @ValueSource(strings = {".:", "..:1", ".1:2::", "[.:]:80"})
  void colonTextTheJdkWouldResolveIsRefusedWithoutALookup(String text) {
    int lookups = DnsLookups.count();
    assertThat(IpLiteral.parse(text, true)).isEmpty();
    assertThat(IpLiteral.parse(text, false)).isEmpty();
    assertThat(DnsLookups.count()).isEqualTo(lookups);
  }
}
