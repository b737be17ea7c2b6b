package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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

  @Nested
  class EnabledForAdmins {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.docs.enabled", "true")
        .build();

    @Test
    void anonymousCallersGet401() {
      given().get("/openapi").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void callersWithoutTheRoleGet403() {
      given().header("X-Test-User", "bob;user").get("/openapi").then().statusCode(403)
          .contentType("application/problem+json");
    }

    @Test
    void adminsSeeTheDocs() {
      given().header("X-Test-User", "root;admin").get("/openapi").then().statusCode(200)
          .body("openapi", equalTo("3.1.0"));
    }
  }

  @Nested
  class EnabledForConfiguredRoles {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.docs.enabled", "true")
        .property("gatehouse.docs.roles", "ops, auditor")
        .build();

    @Test
    void onlyTheConfiguredRolesSeeTheDocs() {
      given().header("X-Test-User", "o;auditor").get("/openapi").then().statusCode(200);
      given().header("X-Test-User", "root;admin").get("/openapi").then().statusCode(403);
    }
  }
}
