package dev.gatehouse.cors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.core.support.TestAuthFilter;
import dev.gatehouse.cors.support.CorsResources;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorsTest {

  static final String APP = "https://app.example.com";

  static EmbeddedServer.Builder server() {
    return EmbeddedServer.builder()
        .register(GatehouseCorsFeature.class, TestAuthFilter.class,
            CorsResources.DenyAnonymous.class, CorsResources.Things.class,
            CorsResources.Partner.class);
  }

  static ExtractableResponse<Response> preflight(String path, String origin, String method,
      String headers) {
    var spec = given().header("Origin", origin).header("Access-Control-Request-Method", method);
    if (headers != null) {
      spec = spec.header("Access-Control-Request-Headers", headers);
    }
    return spec.options(path).then().extract();
  }

  static void noGrant(ExtractableResponse<Response> r) {
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    assertThat(r.header("Access-Control-Allow-Methods")).isNull();
  }

  @Nested
  class WithExactOrigins {

    @RegisterExtension
    static final EmbeddedServer server = server()
        .property("gatehouse.cors.allowed-origins", APP + ", http://localhost:3000")
        .build();

    @Test
    void preflightFromTheAllowedOriginIsGrantedBeforeAuthentication() {
      ExtractableResponse<Response> r = preflight("/things", APP, "PUT",
          "authorization, content-type");
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(APP);
      assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
      assertThat(r.header("Access-Control-Allow-Methods"))
          .isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE");
      assertThat(r.header("Access-Control-Allow-Headers"))
          .isEqualTo("Authorization, Content-Type, X-Request-Id");
      assertThat(r.header("Access-Control-Max-Age")).isEqualTo("600");
      assertThat(r.header("Vary")).isEqualTo("Origin, Access-Control-Request-Method,"
          + " Access-Control-Request-Headers");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void actualRequestsFromTheAllowedOriginGetTheExactOriginBack() {
      given().header("Origin", APP).header("X-Test-User", "alice").get("/things").then()
          .statusCode(200)
          .header("Access-Control-Allow-Origin", APP)
          .header("Access-Control-Allow-Credentials", "true")
          .header("Access-Control-Expose-Headers",
              "Location, Retry-After, RateLimit, RateLimit-Policy, X-Request-Id")
          .header("Vary", containsString("Origin"));
    }

    @Test
    void errorsToTheAllowedOriginAreReadableByItsScript() {
      given().header("Origin", APP).get("/things").then().statusCode(401)
          .header("Access-Control-Allow-Origin", APP);
    }

    @Test
    void schemeAndHostCompareCaseInsensitivelyAndTheDefaultPortIsTheSameOrigin() {
      assertThat(preflight("/things", "HTTPS://App.Example.COM", "GET", null).statusCode())
          .isEqualTo(204);
      assertThat(preflight("/things", APP + ":443", "GET", null).statusCode()).isEqualTo(204);
    }

    @Test
    void loopbackHttpOriginsMayBeListed() {
      assertThat(preflight("/things", "http://localhost:3000", "GET", null).statusCode())
          .isEqualTo(204);
      noGrant(preflight("/things", "http://localhost:3001", "GET", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "null", "https://app.example.com.evil.com",
        "https://evilapp.example.com", "https://appxexample.com", "https://app-example.com",
        "https://app_example.com", "https://app.example.com`.evil.com",
        "https://app.example.com%60.evil.com", "https://app.example.com%2F.evil.com",
        "http://app.example.com", "https://app.example.com:8443", "https://sub.app.example.com",
        "https://app.example.com/", "https://app.example.com.", "https://user@app.example.com",
        "app.example.com", "https://app.example.com, https://evil.example", "*", ""})
    void grantsNothingToAnyOtherOrigin(String origin) {
      RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
      events.clear();
      ExtractableResponse<Response> pre = preflight("/things", origin, "GET", null);
      assertThat(pre.statusCode()).isEqualTo(403);
      noGrant(pre);
      assertThat(events.all()).extracting(SecurityEvent::type)
          .containsExactly(SecurityEventType.CORS_REJECTED);
      ExtractableResponse<Response> actual = given().header("Origin", origin)
          .header("X-Test-User", "alice").get("/things").then().extract();
      assertThat(actual.statusCode()).isEqualTo(200);
      noGrant(actual);
      assertThat(actual.header("Vary")).contains("Origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT", "put", "OPTIONS", "PROPFIND"})
    void refusesMethodsNotAllowed(String method) {
      ExtractableResponse<Response> r = preflight("/things", APP, method, null);
      assertThat(r.statusCode()).isEqualTo(403);
      noGrant(r);
    }

    @Test
    void refusesHeadersNotAllowed() {
      noGrant(preflight("/things", APP, "GET", "authorization, x-evil"));
      noGrant(preflight("/things", APP, "GET", "cookie"));
    }

    @Test
    void anEndpointWithItsOwnListUsesOnlyThatList() {
      assertThat(preflight("/partner/7", "https://partner.example.com", "GET", null)
          .statusCode()).isEqualTo(204);
      noGrant(preflight("/partner/7", APP, "GET", null));
      noGrant(preflight("/things", "https://partner.example.com", "GET", null));
      given().header("Origin", "https://partner.example.com").header("X-Test-User", "p")
          .get("/partner/7").then().statusCode(200)
          .header("Access-Control-Allow-Origin", "https://partner.example.com");
      given().header("Origin", APP).header("X-Test-User", "p").get("/partner/7").then()
          .statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void requestsWithoutOriginGetNoCorsHeadersButVary() {
      given().header("X-Test-User", "a").get("/things").then()
          .header("Access-Control-Allow-Origin", nullValue()).header("Vary", equalTo("Origin"));
    }
  }

  @Nested
  class ForADeliberatelyPublicApi {

    @RegisterExtension
    static final EmbeddedServer server = server()
        .property("gatehouse.cors.allowed-origins", "*")
        .property("gatehouse.cors.allow-any-origin", "true")
        .property("gatehouse.cors.allow-credentials", "false")
        .build();

    @Test
    void anyOriginGetsTheWildcardAndNeverCredentials() {
      ExtractableResponse<Response> r = preflight("/things", "https://anyone.example", "GET",
          null);
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
      assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    }
  }

  @Nested
  class WithNothingConfigured {

    @RegisterExtension
    static final EmbeddedServer server = server().build();

    @Test
    void noOriginIsGrantedAnything() {
      noGrant(preflight("/things", APP, "GET", null));
      noGrant(given().header("Origin", APP).header("X-Test-User", "a").get("/things").then()
          .extract());
    }
  }
}
