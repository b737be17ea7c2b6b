package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tests connect from 127.0.0.1; which proxies are trusted decides what they may claim. */
class ClientAddressTest {

  @Nested
  class FromAnUntrustedPeer {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server().build();

    @Test
    void clientIsTheSocketPeer() {
      given().get("/echo/client").then().statusCode(200)
          .body("address", equalTo("127.0.0.1")).body("bucket", equalTo("127.0.0.1"));
    }

    @Test
    void spoofedForwardingHeadersChangeNothing() {
      given().header("X-Forwarded-For", "203.0.113.9")
          .header("Forwarded", "for=203.0.113.10")
          .header("X-Real-IP", "203.0.113.11")
          .header("True-Client-IP", "203.0.113.12")
          .header("CF-Connecting-IP", "203.0.113.13")
          .header("X-Client-IP", "203.0.113.14")
          .get("/echo/client").then().statusCode(200).body("address", equalTo("127.0.0.1"));
    }
  }

  @Nested
  class BehindATrustedProxy {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.proxy.trusted", "127.0.0.1/32, 10.0.0.0/8")
        .build();

    @Test
    void clientIsTheRightmostUntrustedXForwardedForHop() {
      // a client-forged first entry, the real client, then an internal proxy hop
      given().header("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.1.2.3")
          .get("/echo/client").then().body("address", equalTo("198.51.100.7"));
    }

    @Test
    void severalXForwardedForLinesAreReadInOrder() {
      given().header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "198.51.100.8")
          .get("/echo/client").then().body("address", equalTo("198.51.100.8"));
    }

    @Test
    void aForwardedHeaderTheProxyPassedThroughIsIgnored() {
      // nginx and ALBs append X-Forwarded-For and forward a client's Forwarded untouched
      for (int n = 1; n <= 3; n++) {
        given().header("Forwarded", "for=198.51.100." + n)
            .header("X-Forwarded-For", "203.0.113.20")
            .get("/echo/client").then().body("address", equalTo("203.0.113.20"));
      }
      given().header("Forwarded", "for=198.51.100.4").get("/echo/client").then()
          .body("address", equalTo("127.0.0.1"));
    }

    @Test
    void ipv6ClientsAreBucketedByTheirSlash64() {
      given().header("X-Forwarded-For", "2001:db8:cafe:1::1").get("/echo/client").then()
          .body("bucket", equalTo("2001:db8:cafe:1::/64"));
      given().header("X-Forwarded-For", "2001:db8:cafe:1:ffff:ffff:ffff:ffff")
          .get("/echo/client").then().body("bucket", equalTo("2001:db8:cafe:1::/64"));
    }

    @Test
    void ipv4MappedIpv6IsNormalisedToIpv4() {
      given().header("X-Forwarded-For", "::ffff:198.51.100.10").get("/echo/client").then()
          .body("address", equalTo("198.51.100.10")).body("ipv6", equalTo(false));
    }

    @Test
    void malformedHeadersFallBackToThePeer() {
      for (String bad : new String[] {"not-an-ip", "198.51.100.1, evil.example", "1.2.3.4.5",
          "999.1.1.1", "::g", "unknown", "_hidden", "fe80::1%eth0", ""}) {
        given().header("X-Forwarded-For", bad).get("/echo/client").then().statusCode(200)
            .body("address", equalTo("127.0.0.1"));
      }
      given().header("X-Forwarded-For", "for=203.0.113.1").get("/echo/client").then()
          .body("address", equalTo("127.0.0.1"));
    }

    @Test
    void allTrustedHopsGiveTheLeftmostAddress() {
      given().header("X-Forwarded-For", "10.9.9.9, 10.1.1.1").get("/echo/client").then()
          .body("address", equalTo("10.9.9.9"));
    }

    @Test
    void singleAddressHeadersAreIgnoredUnlessConfigured() {
      given().header("X-Real-IP", "203.0.113.11").get("/echo/client").then()
          .body("address", equalTo("127.0.0.1"));
    }
  }

  @Nested
  class BehindProxiesThatWriteForwarded {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.proxy.trusted", "127.0.0.1/32, 10.0.0.0/8")
        .property("gatehouse.proxy.forwarding-header", "forwarded")
        .build();

    @Test
    void clientIsTheRightmostUntrustedForwardedHop() {
      given().header("Forwarded",
              "for=6.6.6.6;proto=https, for=\"198.51.100.9:4711\";proto=http, for=10.0.0.5")
          .get("/echo/client").then().body("address", equalTo("198.51.100.9"));
    }

    @Test
    void forwardedIpv6HopIsParsed() {
      given().header("Forwarded", "for=\"[2001:db8:cafe:1:2:3:4:5]:4711\"")
          .get("/echo/client").then()
          .body("address", equalTo("2001:db8:cafe:1:2:3:4:5"))
          .body("ipv6", equalTo(true))
          .body("bucket", equalTo("2001:db8:cafe:1::/64"));
    }

    @Test
    void anXForwardedForTheProxyPassedThroughIsIgnored() {
      given().header("X-Forwarded-For", "198.51.100.30").header("Forwarded", "for=203.0.113.21")
          .get("/echo/client").then().body("address", equalTo("203.0.113.21"));
      given().header("X-Forwarded-For", "198.51.100.31").get("/echo/client").then()
          .body("address", equalTo("127.0.0.1"));
    }
  }

  @Nested
  class WithAConfiguredClientIpHeader {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.proxy.trusted", "127.0.0.1")
        .property("gatehouse.proxy.client-ip-header", "X-Real-IP")
        .build();

    @Test
    void theConfiguredHeaderNamesTheClient() {
      given().header("X-Real-IP", "203.0.113.11").header("X-Forwarded-For", "6.6.6.6")
          .get("/echo/client").then().body("address", equalTo("203.0.113.11"));
    }

    @Test
    void otherSingleAddressHeadersStayIgnored() {
      given().header("CF-Connecting-IP", "203.0.113.13").get("/echo/client").then()
          .body("address", equalTo("127.0.0.1"));
    }
  }

  @Nested
  class OverIpv6 {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server().host("::1").build();

    @Test
    void ipv6PeerIsReadFromTheSocket() {
      given().get("/echo/client").then().statusCode(200)
          .body("address", equalTo("0:0:0:0:0:0:0:1")).body("ipv6", equalTo(true))
          .body("bucket", equalTo("0:0:0:0::/64"));
    }
  }
}
