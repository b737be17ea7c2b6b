package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RawHttp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpsTest {

  private static final String HSTS = "max-age=31536000; includeSubDomains";

  @Nested
  class WithoutTrustedProxies {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server().build();

    @Test
    void plainHttpGetsNoHsts() {
      given().get("/echo/items/1").then().statusCode(200)
          .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void spoofedForwardedProtoFromAnUntrustedPeerGetsNoHsts() {
      given().header("X-Forwarded-Proto", "https").header("Forwarded", "proto=https;for=1.2.3.4")
          .get("/echo/items/1").then().statusCode(200)
          .header("Strict-Transport-Security", nullValue());
    }
  }

  @Nested
  class BehindATrustedTlsProxy {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.proxy.trusted", "127.0.0.1")
        .build();

    @Test
    void forwardedHttpsGetsHsts() {
      given().header("X-Forwarded-Proto", "https").get("/echo/items/1").then().statusCode(200)
          .header("Strict-Transport-Security", HSTS);
    }

    @Test
    void aForwardedProtoPassedThroughByTheProxyIsIgnored() {
      given().header("Forwarded", "for=198.51.100.1;proto=https").get("/echo/items/1").then()
          .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void errorsOverHttpsGetHstsToo() {
      given().header("X-Forwarded-Proto", "https").get("/nothing/here").then().statusCode(404)
          .header("Strict-Transport-Security", HSTS);
    }

    @Test
    void forwardedPlainHttpGetsNoHsts() {
      given().header("X-Forwarded-Proto", "http").get("/echo/items/1").then()
          .header("Strict-Transport-Security", nullValue());
    }
  }

  @Nested
  class BehindATrustedProxyThatWritesForwarded {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.proxy.trusted", "127.0.0.1")
        .property("gatehouse.proxy.forwarding-header", "forwarded")
        .build();

    @Test
    void rfc7239ProtoGetsHsts() {
      given().header("Forwarded", "for=198.51.100.1;proto=https").get("/echo/items/1").then()
          .header("Strict-Transport-Security", HSTS);
    }

    @Test
    void anXForwardedProtoPassedThroughByTheProxyIsIgnored() {
      given().header("X-Forwarded-Proto", "https").get("/echo/items/1").then()
          .header("Strict-Transport-Security", nullValue());
    }
  }

  @Nested
  class WithRedirectAndPreload {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.proxy.trusted", "127.0.0.1")
        .property("gatehouse.https.redirect", "true")
        .property("gatehouse.https.redirect-host", "api.example.com")
        .property("gatehouse.https.hsts-preload", "true")
        .build();

    @Test
    void plainHttpIsRedirectedWith308ToTheSamePathAndQuery() {
      given().redirects().follow(false).urlEncodingEnabled(false)
          .get("/echo/items/1?x=2&y=a%20b").then()
          .statusCode(308)
          .header("Location", equalTo("https://api.example.com/echo/items/1?x=2&y=a%20b"))
          .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aForgedHostHeaderDoesNotChooseTheRedirectTarget() {
      RawHttp.Response r = RawHttp.send(server.port(), "POST /echo HTTP/1.1\r\nHost: evil.example"
          + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close"
          + "\r\n\r\n{}");
      assertThat(r.status()).isEqualTo(308);
      assertThat(r.header("Location")).contains("https://api.example.com/echo");
    }

    @Test
    void postsAreRedirectedWithoutReadingTheBody() {
      given().redirects().follow(false).contentType("application/json").body("{}")
          .post("/echo").then().statusCode(308);
    }

    @Test
    void forwardedHttpsIsServedWithPreloadHsts() {
      given().header("X-Forwarded-Proto", "https").get("/echo/items/1").then().statusCode(200)
          .header("Strict-Transport-Security", HSTS + "; preload");
    }
  }

  @Nested
  class WithRedirectButUntrustedPeer {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.https.redirect", "true")
        .property("gatehouse.https.redirect-host", "api.example.com")
        .property("gatehouse.https.port", "8443")
        .build();

    @Test
    void spoofedForwardedProtoDoesNotEscapeTheRedirect() {
      given().redirects().follow(false).header("X-Forwarded-Proto", "https")
          .get("/echo/items/1").then().statusCode(308)
          .header("Location", equalTo("https://api.example.com:8443/echo/items/1"));
    }
  }

  @Nested
  class OverDirectTls {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.https.redirect", "true")
        .property("gatehouse.https.redirect-host", "localhost")
        .https()
        .build();

    @Test
    void httpsRequestsGetHstsAndNoRedirect() {
      given().redirects().follow(false).get("/echo/items/1").then().statusCode(200)
          .header("Strict-Transport-Security", HSTS);
    }

    @Test
    void errorsOverHttpsGetHstsToo() {
      given().get("/no/such/thing").then().statusCode(404)
          .header("Strict-Transport-Security", HSTS);
    }
  }
}
