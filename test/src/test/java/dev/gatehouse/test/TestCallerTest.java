package dev.gatehouse.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestCaller(subject = "alice", roles = "writer")
class TestCallerTest {

  @RegisterExtension
  static final EmbeddedServer server = Servers.app();

  @Test
  void everyRequestOfTheTestRunsAsTheClassCaller() {
    given().get("/whoami").then().statusCode(200).body("subject", equalTo("alice"))
        .body("writer", equalTo(true));
    given().get("/whoami/writer").then().statusCode(200);
  }

  @Test
  @TestCaller(subject = "bob")
  void theMethodsCallerWinsOverTheClasss() {
    given().get("/whoami").then().statusCode(200).body("subject", equalTo("bob"))
        .body("writer", equalTo(false));
    given().get("/whoami/writer").then().statusCode(403);
  }

  @Test
  void aRequestThatSetsItsOwnAuthorizationKeepsIt() {
    given().header("Authorization", "Bearer not-a-token").get("/whoami").then().statusCode(401);
  }

  @Test
  @TestCaller(subject = "carol", roles = "writer")
  void theJakartaRestClientSendsTheCallersTokenThroughTheFilter() {
    Client client = ClientBuilder.newClient().register(TestCallerFilter.class);
    try (Response r = client.target(server.baseUri()).path("whoami").request().get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.readEntity(String.class)).contains("\"carol\"");
    } finally {
      client.close();
    }
    assertThat(TestCallers.authorization()).hasValueSatisfying(
        a -> assertThat(a).startsWith("Bearer ey"));
  }
}
