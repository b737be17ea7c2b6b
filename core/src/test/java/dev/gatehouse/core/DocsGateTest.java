package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RawHttp;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocsGateTest {

  @Nested
  class Hidden {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server().build();

    @ParameterizedTest
    @ValueSource(strings = {"/openapi", "/OpenAPI", "/openapi/", "/openapi.json",
        "/openapi;v=1", "/swagger-ui/index.html", "/q/openapi", "/q/swagger-ui", "/docs",
        "/api-docs", "/application.wadl", "/./openapi"})
    void docsPathsAnswerTheOrdinary404(String path) {
      JsonPath docs = given().header("X-Test-User", "root;admin").urlEncodingEnabled(false)
          .get(path).then().statusCode(404).contentType("application/problem+json")
          .extract().jsonPath();
      JsonPath unknown = given().get("/no/such/thing").then().statusCode(404).extract().jsonPath();
      assertThat(docs.getString("detail")).isEqualTo(unknown.getString("detail"));
      assertThat(docs.getString("title")).isEqualTo(unknown.getString("title"));
    }

    @Test
    void doubleSlashDoesNotReachTheDocs() {
      RawHttp.Response r = RawHttp.send(server.port(),
          "GET //openapi HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(r.status()).isIn(400, 404);
      assertThat(r.body()).doesNotContain("3.1.0");
    }
  }

  /**
   * Core alone has no way to ask the application's data for a caller's roles (that is the jwt
   * module's {@code RoleSource}), so enabled documentation would trust whatever roles the caller's
   * credentials carry: it does not start. Enabled documentation is tested in the jwt module.
   */
  @Nested
  class EnabledWithoutARoleRecheck {

    @Test
    void enabledDocsRefuseToStartWhenNothingCanRecheckTheCallersRoles() {
      GatehouseConfigException e = Fixtures.server()
          .property("gatehouse.docs.enabled", "true")
          .property("gatehouse.docs.roles", "ops, auditor")
          .build().refusal(GatehouseConfigException.class);
      assertThat(e.problems()).containsExactly("gatehouse.docs.enabled: \"true\" shows"
          + " DocsResource#spec to callers holding one of gatehouse.docs.roles [auditor, ops],"
          + " whose roles must then be re-checked against your data on every request (a token's"
          + " roles outlive a demotion), and no Gatehouse module here can; add"
          + " dev.gatehouse:gatehouse-jwt and implement dev.gatehouse.jwt.RoleSource as an"
          + " @ApplicationScoped bean, or set gatehouse.docs.enabled=false");
    }
  }
}
