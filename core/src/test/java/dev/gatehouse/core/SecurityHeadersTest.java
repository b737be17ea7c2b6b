package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RawHttp;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecurityHeadersTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().build();

  private static void hasProtectiveHeaders(ValidatableResponse r) {
    r.header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .header("Referrer-Policy", "no-referrer")
        .header("Cross-Origin-Resource-Policy", "same-origin")
        .header("Cross-Origin-Opener-Policy", "same-origin")
        .header("Cross-Origin-Embedder-Policy", "require-corp")
        .header("Permissions-Policy", org.hamcrest.Matchers.allOf(
            org.hamcrest.Matchers.containsString("camera=()"),
            org.hamcrest.Matchers.containsString("geolocation=()"),
            org.hamcrest.Matchers.containsString("microphone=()")))
        .header("X-Permitted-Cross-Domain-Policies", "none")
        .header("Cache-Control", "no-store")
        .header("Clear-Site-Data", nullValue())
        .header("X-Powered-By", nullValue())
        .header("Server", nullValue());
  }

  @Test
  void successfulResponsesCarryTheSecurityHeaders() {
    hasProtectiveHeaders(given().get("/echo/items/3").then().statusCode(200));
  }

  @Test
  void unmatchedPathIsAProblemWithTheSecurityHeaders() {
    ValidatableResponse r = given().get("/no/such/path").then().statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404)).body("title", equalTo("Not Found"));
    hasProtectiveHeaders(r);
  }

  @Test
  void wrongMethodIs405WithAllowAndTheSecurityHeaders() {
    ValidatableResponse r = given().delete("/echo/items/3").then().statusCode(405)
        .contentType("application/problem+json");
    hasProtectiveHeaders(r);
    assertThat(r.extract().header("Allow")).contains("GET");
  }

  @Test
  void serverErrorCarriesTheSecurityHeaders() {
    hasProtectiveHeaders(given().get("/echo/boom").then().statusCode(500));
  }

  @Test
  void tooLargeBodyCarriesTheSecurityHeaders() {
    hasProtectiveHeaders(given().contentType("text/plain").body("x".repeat(100))
        .post("/echo/small").then().statusCode(413));
  }

  @Test
  void badInputCarriesTheSecurityHeaders() {
    hasProtectiveHeaders(given().contentType("application/json").body("{\"nope\":1}")
        .post("/echo").then().statusCode(400));
  }

  @Test
  void aLogoutEndpointTellsTheBrowserToClearWhatItKept() {
    given().post("/echo/logout").then().statusCode(204)
        .header("Clear-Site-Data", "\"cache\",\"cookies\",\"storage\"");
  }

  @Test
  void resourceChosenCacheControlIsKeptForAnonymousCallers() {
    given().get("/echo/cached").then().statusCode(200).header("Cache-Control", "max-age=60");
  }

  @Test
  void authenticatedResponsesAreNeverCacheable() {
    given().header("X-Test-User", "alice").get("/echo/cached").then().statusCode(200)
        .header("Cache-Control", "no-store");
  }

  @Test
  void containerSendsNoServerVersionNorPoweredBy() {
    RawHttp.Response r = RawHttp.send(server.port(),
        "GET /echo/items/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Server")).isEmpty();
    assertThat(r.header("X-Powered-By")).isEmpty();
  }
}
