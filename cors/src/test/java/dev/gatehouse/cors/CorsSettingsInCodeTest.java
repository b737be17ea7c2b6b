package dev.gatehouse.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.core.support.TestAuthFilter;
import dev.gatehouse.cors.support.CorsResources;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings built in code and given to {@link GatehouseCorsFeature} replace the configured ones. */
class CorsSettingsInCodeTest {

  static final String IN_CODE_ORIGIN = "https://code.example.com";

  static final CorsSettings IN_CODE = CorsSettings.builder()
      .allowedOrigins(List.of(IN_CODE_ORIGIN))
      .build();

  @Nested
  class GivenToTheFeature {

    /** The configuration allows another origin, which the settings built in code replace. */
    @RegisterExtension
    static final EmbeddedServer server = EmbeddedServer.builder()
        .registerInstances(new GatehouseCorsFeature(IN_CODE))
        .register(TestAuthFilter.class, CorsResources.Things.class)
        .property(CorsSettings.ORIGINS, CorsTest.APP)
        .build();

    @Test
    void theOriginBuiltInCodeIsGrantedAndEchoed() {
      ExtractableResponse<Response> preflight = CorsTest.preflight("/things", IN_CODE_ORIGIN,
          "PUT", "content-type");
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(IN_CODE_ORIGIN);
      assertThat(RestAssured.given().header("Origin", IN_CODE_ORIGIN)
          .header("X-Test-User", "alice").get("/things").then().statusCode(200).extract()
          .header("Access-Control-Allow-Origin")).isEqualTo(IN_CODE_ORIGIN);
    }

    @Test
    void theConfiguredOriginItReplacedIsRefused() {
      ExtractableResponse<Response> preflight = CorsTest.preflight("/things", CorsTest.APP, "PUT",
          null);
      assertThat(preflight.statusCode()).isEqualTo(403);
      CorsTest.noGrant(preflight);
      assertThat(RestAssured.given().header("Origin", CorsTest.APP).header("X-Test-User", "alice")
          .get("/things").then().statusCode(200).extract()
          .header("Access-Control-Allow-Origin")).isNull();
    }
  }

  @Test
  void settingsThatArriveAfterEndpointsWerePreparedRefuseStartUp() {
    EmbeddedServer late = EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class)
        .registerInstances(new GatehouseCorsFeature(IN_CODE))
        .register(CorsResources.Things.class)
        .build();
    assertThat(late.refusal(IllegalStateException.class)).rootCause().hasMessage(
        "CorsSettings built in code arrived after Gatehouse prepared endpoints under the"
            + " configured ones; register new GatehouseCorsFeature(settings) before any other"
            + " Gatehouse feature");
  }
}
