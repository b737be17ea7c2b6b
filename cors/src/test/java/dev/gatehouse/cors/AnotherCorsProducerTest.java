package dev.gatehouse.cors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.TestAuthFilter;
import dev.gatehouse.cors.support.CorsResources;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An existing service's own CORS filter — the kind copied from a tutorial, answering every origin
 * with {@code *} and credentials — beside gatehouse-cors: its headers never reach the client, and
 * the first response they were removed from is logged once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnotherCorsProducerTest {

  static final String APP = "https://app.example.com";

  /** Every response allowed to every origin, with credentials. */
  public static class WildcardCorsFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
      response.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
      response.getHeaders().putSingle("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
    }
  }

  @RegisterExtension
  static final EmbeddedServer server = EmbeddedServer.builder()
      .register(GatehouseCorsFeature.class, TestAuthFilter.class, CorsResources.Things.class,
          WildcardCorsFilter.class)
      .property("gatehouse.cors.allowed-origins", APP)
      .build();

  /** Every warning of the cors module over the whole class: the report is once per application. */
  static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
  /** Held, so that java.util.logging keeps the logger and its handler meanwhile. */
  static final Logger CORS_LOG = Logger.getLogger("dev.gatehouse.cors");

  static {
    CORS_LOG.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel() == Level.WARNING) {
          WARNINGS.add(record.getMessage());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    });
  }

  @Test
  void anotherOriginGetsNoCorsHeaderFromTheApplicationsOwnFilter() {
    ExtractableResponse<Response> r = given().header("Origin", "https://evil.example")
        .get("/things").then().extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    assertThat(r.header("Access-Control-Allow-Methods")).isNull();
  }

  @Test
  void theAllowedOriginGetsGatehousesExactOriginNotTheWildcard() {
    ExtractableResponse<Response> r = given().header("Origin", APP).get("/things").then()
        .extract();
    assertThat(r.headers().getValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
  }

  @Test
  void aRefusedPreflightStaysRefusedAndAGrantedOneKeepsGatehousesAnswer() {
    ExtractableResponse<Response> refused = given().header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "DELETE").options("/things").then().extract();
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    assertThat(refused.header("Access-Control-Allow-Methods")).isNull();

    ExtractableResponse<Response> granted = given().header("Origin", APP)
        .header("Access-Control-Request-Method", "PUT").options("/things").then().extract();
    assertThat(granted.statusCode()).isIn(200, 204);
    assertThat(granted.headers().getValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(granted.header("Access-Control-Allow-Methods")).doesNotContain("DELETE, POST, PUT");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theOtherProducerIsLoggedOnceNamingTheHeaderAfterEveryResponseItTouched() {
    for (int i = 0; i < 3; i++) {
      given().header("Origin", "https://evil.example").get("/things").then().statusCode(200);
    }
    assertThat(WARNINGS).filteredOn(m -> m.contains("something other than gatehouse-cors"))
        .singleElement().asString().startsWith("Gatehouse removed Access-Control-Allow-")
        .contains("[*]").contains("remove the other producer");
  }
}
