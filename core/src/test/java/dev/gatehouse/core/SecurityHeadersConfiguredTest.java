package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each protective header can be changed or turned off. */
class SecurityHeadersConfiguredTest {

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .property("gatehouse.headers.permissions-policy", "off")
      .property("gatehouse.headers.cross-origin-embedder-policy", "credentialless")
      .property("gatehouse.headers.clear-site-data", "\"cookies\"")
      .build();

  @Test
  void headersFollowTheirSettings() {
    given().get("/echo/items/1").then().statusCode(200)
        .header("Permissions-Policy", nullValue())
        .header("Cross-Origin-Embedder-Policy", "credentialless");
    given().post("/echo/logout").then().header("Clear-Site-Data", "\"cookies\"");
  }
}
