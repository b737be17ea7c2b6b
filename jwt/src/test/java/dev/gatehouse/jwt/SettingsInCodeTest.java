package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.jwt.support.TestResources;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings built with {@link JwtSettings#builder()} and handed to
 * {@code new GatehouseJwtFeature(settings)} are the ones enforced, over HTTP, in place of any
 * properties.
 */
class SettingsInCodeTest {

  private static final String SECRET = Servers.secret(32);
  private static final String CODE_AUDIENCE = "configured-in-code";

  private static JwtSettings inCode() {
    return JwtSettings.builder().issuer(Servers.ISSUER).audience(CODE_AUDIENCE)
        .hmacSecret(Base64.getDecoder().decode(SECRET)).accessTokenTtl(Duration.ofMinutes(10))
        .build();
  }

  private static EmbeddedServer.Builder server() {
    return EmbeddedServer.builder().registerInstances(new GatehouseJwtFeature(inCode()))
        .register(TestResources.Auth.class, TestResources.Me.class);
  }

  private static int me(EmbeddedServer server, String token) {
    return given().baseUri(server.baseUri().toString()).header("Authorization", "Bearer " + token)
        .get("/me").then().extract().statusCode();
  }

  @Test
  void aTokenForAnotherAudienceThanTheCodeSaysIs401() {
    try (EmbeddedServer server = server().build().start()) {
      MutableClock clock = server.cdi().select(MutableClock.class).get();
      assertThat(me(server, Forge.valid(SECRET, clock.instant()).sign())).isEqualTo(401);
      assertThat(me(server, Forge.valid(SECRET, clock.instant()).claim("aud", CODE_AUDIENCE)
          .sign())).isEqualTo(200);
    }
  }

  @Test
  void settingsInCodeReplaceThePropertiesAndIssueTokensTheirWay() {
    try (EmbeddedServer server = server().property("gatehouse.jwt.issuer", Servers.ISSUER)
        .property("gatehouse.jwt.audience", Servers.AUDIENCE)
        .property("gatehouse.jwt.secret", SECRET).build().start()) {
      MutableClock clock = server.cdi().select(MutableClock.class).get();
      assertThat(me(server, Forge.valid(SECRET, clock.instant()).sign())).isEqualTo(401);
      var issued = given().baseUri(server.baseUri().toString()).contentType("application/json")
          .body(Map.of("subject", "coder")).post("/auth/login").then().statusCode(200)
          .extract().jsonPath();
      assertThat(issued.getLong("expires_in")).isEqualTo(600);
      assertThat(me(server, issued.getString("access_token"))).isEqualTo(200);
    }
  }

  @Test
  void anApplicationWithNeitherPropertiesNorSettingsInCodeIsRefusedAtStartUp() {
    GatehouseConfigException refusal = EmbeddedServer.builder()
        .register(GatehouseJwtFeature.class, TestResources.Me.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).contains(
        "gatehouse.jwt.issuer: is required: set it to the name or URL your tokens are issued by,"
            + " e.g. https://auth.example.com",
        "gatehouse.jwt.*: none is set; set the properties above, or build the settings in code"
            + " and register new GatehouseJwtFeature(JwtSettings.builder()....build()) before any"
            + " other Gatehouse feature");
  }

  @Test
  void settingsBuiltInCodeThatArriveAfterEndpointsWerePreparedRefuseStartUp() {
    EmbeddedServer late = EmbeddedServer.builder()
        .register(dev.gatehouse.core.GatehouseCoreFeature.class)
        .registerInstances(new GatehouseJwtFeature(inCode()))
        .register(TestResources.Me.class)
        .property("gatehouse.jwt.issuer", Servers.ISSUER)
        .property("gatehouse.jwt.audience", Servers.AUDIENCE)
        .property("gatehouse.jwt.secret", SECRET).build();
    assertThat(late.refusal(IllegalStateException.class)).rootCause().hasMessage(
        "JwtSettings built in code arrived after Gatehouse prepared endpoints under the"
            + " configured ones; register new GatehouseJwtFeature(settings) before any other"
            + " Gatehouse feature");
  }
}
