package dev.gatehouse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {

  private static java.net.InetAddress ip(String s) {
    return IpLiteral.parse(s, false).orElseThrow();
  }

  @Test
  void matchesAddressesInsideTheNetworkOnly() {
    Cidr ten = Cidr.parse("10.0.0.0/8").orElseThrow();
    assertThat(ten.contains(ip("10.255.1.2"))).isTrue();
    assertThat(ten.contains(ip("11.0.0.1"))).isFalse();
    assertThat(ten.contains(ip("::ffff:10.0.0.1"))).isTrue();
    assertThat(ten.contains(ip("2001:db8::1"))).isFalse();
  }

  @Test
  void handlesPrefixesThatAreNotByteAligned() {
    Cidr c = Cidr.parse("192.168.4.0/22").orElseThrow();
    assertThat(c.contains(ip("192.168.7.255"))).isTrue();
    assertThat(c.contains(ip("192.168.8.0"))).isFalse();
    Cidr v6 = Cidr.parse("2001:db8:abcd::/36").orElseThrow();
    assertThat(v6.contains(ip("2001:db8:abcf::1"))).isTrue();
    assertThat(v6.contains(ip("2001:db8:bbcd::1"))).isFalse();
  }

  @Test
  void aSingleAddressIsAFullLengthNetwork() {
    Cidr one = Cidr.parse("127.0.0.1").orElseThrow();
    assertThat(one.prefixLength()).isEqualTo(32);
    assertThat(one.contains(ip("127.0.0.2"))).isFalse();
  }

  @Test
  void rejectsMalformedNetworks() {
    assertThat(Cidr.parse("10.0.0.0/33")).isEmpty();
    assertThat(Cidr.parse("10.0.0.0/")).isEmpty();
    assertThat(Cidr.parse("10.0.0.0/-1")).isEmpty();
    assertThat(Cidr.parse("proxy.internal/8")).isEmpty();
  }
}
