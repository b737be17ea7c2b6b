package dev.gatehouse.cors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorsStartupRefusalTest {

  private static List<String> problems(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class).problems();
  }

  private static EmbeddedServer.Builder origins(String value) {
    return CorsTest.server().property("gatehouse.cors.allowed-origins", value);
  }

  @Test
  void refusesTheWildcardWithCredentials() {
    assertThat(problems(origins("*"))).containsExactly("gatehouse.cors.allowed-origins: \"*\""
        + " cannot be combined with allow-credentials=true; list the exact origins, e.g."
        + " https://app.example.com");
  }

  @Test
  void refusesTheWildcardUnlessDeclaredPublic() {
    assertThat(problems(origins("*").property("gatehouse.cors.allow-credentials", "false")))
        .containsExactly("gatehouse.cors.allowed-origins: \"*\" lets every web site call this"
            + " API; list the exact origins, e.g. https://app.example.com, or set"
            + " gatehouse.cors.allow-any-origin=true for a deliberately public API without"
            + " credentials");
  }

  @Test
  void refusesAnyOriginWithCredentials() {
    assertThat(problems(origins("*").property("gatehouse.cors.allow-any-origin", "true")))
        .contains("gatehouse.cors.allow-any-origin: \"true\" needs"
            + " gatehouse.cors.allow-credentials=false: any origin with credentials would let"
            + " every web site act as the logged-in user");
  }

  @Test
  void refusesNull() {
    assertThat(problems(origins("null"))).containsExactly("gatehouse.cors.allowed-origins:"
        + " \"null\" is the origin of sandboxed frames and local files, which any page can take"
        + " on; list the exact origins, e.g. https://app.example.com");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://app.example.com/path",
      "https://app.example.com?x=1",
      "https://user:pw@app.example.com",
      "app.example.com",
      "https://app.example.com#frag",
      "ftp://app.example.com"})
  void refusesValuesThatAreNotExactOrigins(String value) {
    assertThat(problems(origins(value))).containsExactly("gatehouse.cors.allowed-origins: \""
        + value + "\" is not an exact origin (scheme://host[:port], without path, query, user"
        + " info or wildcard); e.g. https://app.example.com");
  }

  @Test
  void refusesWildcardsInside() {
    assertThat(problems(origins("https://*.example.com"))).containsExactly(
        "gatehouse.cors.allowed-origins: \"https://*.example.com\" has a wildcard; list each"
            + " exact origin instead, e.g. https://app.example.com");
  }

  @Test
  void refusesPlainHttpOriginsOtherThanLoopback() {
    assertThat(problems(origins("http://app.example.com"))).containsExactly(
        "gatehouse.cors.allowed-origins: \"http://app.example.com\" is not HTTPS, so anyone on the"
            + " network path can impersonate it; use https://, or set"
            + " gatehouse.cors.allow-insecure-origins=true for development");
  }

  @Test
  void plainHttpIsAcceptedWhenDeclaredInsecure() {
    EmbeddedServer s = origins("http://app.internal")
        .property("gatehouse.cors.allow-insecure-origins", "true").build();
    try {
      s.start();
      var preflight = given().baseUri(s.baseUri().toString())
          .header("Origin", "http://app.internal").header("Access-Control-Request-Method", "PUT")
          .options("/things").then().extract();
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://app.internal");
      var other = given().baseUri(s.baseUri().toString())
          .header("Origin", "http://other.internal").header("Access-Control-Request-Method", "PUT")
          .options("/things").then().extract();
      assertThat(other.header("Access-Control-Allow-Origin")).as("only the listed origin").isNull();
    } finally {
      s.stop();
    }
  }

  /** An override with a bad origin. */
  @Path("/bad")
  public static class BadOverride {
    @GET
    @CorsOrigins("https://*.partner.example.com")
    public String get() {
      return "x";
    }
  }

  @Test
  void refusesBadOverrides() {
    assertThat(problems(CorsTest.server().register(BadOverride.class))).containsExactly(
        "@CorsOrigins on BadOverride#get: \"https://*.partner.example.com\" has a wildcard; list"
            + " each exact origin instead, e.g. https://app.example.com");
  }
}
