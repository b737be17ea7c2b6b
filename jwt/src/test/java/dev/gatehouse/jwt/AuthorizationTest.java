package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.jwt.support.TestBeans;
import dev.gatehouse.testkit.EmbeddedServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthorizationTest {

  @RegisterExtension
  static final EmbeddedServer server = Servers.hs256(Servers.secret(32)).build();

  private static String login(String subject, String... roles) {
    return given().contentType("application/json")
        .body(Map.of("subject", subject, "roles", Set.of(roles)))
        .post("/auth/login").then().statusCode(200).extract().path("access_token");
  }

  private static io.restassured.specification.RequestSpecification as(String token) {
    return given().header("Authorization", "Bearer " + token);
  }

  @Test
  void rolesAllowedAnswers401ToAnonymousAnd403ToTheWrongRole() {
    given().get("/admin").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    as(login("u1", "user")).get("/admin").then().statusCode(403)
        .contentType("application/problem+json").body("title", equalTo("Forbidden"));
    as(login("a1", "admin")).get("/admin").then().statusCode(200).body("who", equalTo("admins"));
  }

  @Test
  void methodAnnotationsOverrideTheClass() {
    given().get("/admin/public").then().statusCode(200);
    as(login("au", "auditor")).get("/admin/auditors").then().statusCode(200);
    as(login("au", "auditor")).get("/admin").then().statusCode(403);
  }

  @Test
  void denyAllRefusesEveryone() {
    as(login("a2", "admin")).delete("/admin").then().statusCode(403);
    given().delete("/admin").then().statusCode(403);
  }

  @Test
  void methodsWithoutAnnotationsRequireAuthentication() {
    given().get("/plain").then().statusCode(401);
    as(login("u2")).get("/plain").then().statusCode(200);
  }

  @Test
  void deniedCallsFireAccessDenied() {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    as(login("u3", "user")).get("/admin").then().statusCode(403);
    assertThat(events.all()).extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.ACCESS_DENIED);
    assertThat(events.all().get(0).subject()).isEqualTo("u3");
    assertThat(events.all().get(0).path()).isEqualTo("/admin");
  }

  @Test
  void recheckDeniesARoleTheDataNoLongerGrantsThoughTheTokenStillCarriesIt() {
    TestBeans data = server.cdi().select(TestBeans.class).get();
    data.grant("boss", Set.of("admin"));
    String token = login("boss", "admin");
    as(token).put("/admin/critical").then().statusCode(200);

    data.grant("boss", Set.of("user"));
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    as(token).put("/admin/critical").then().statusCode(403);
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.ACCESS_DENIED);
      assertThat(e.reason()).isEqualTo("role_revoked");
    });
    // the same token still opens endpoints that trust the token's roles
    as(token).get("/admin").then().statusCode(200);
  }

  @Test
  void recheckAnswers401WhenTheDataSaysTheSubjectIsGone() {
    TestBeans data = server.cdi().select(TestBeans.class).get();
    data.grant("gone", Set.of("admin"));
    String token = login("gone", "admin");
    data.delete("gone");
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    as(token).put("/admin/critical").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.AUTHENTICATION_FAILED);
      assertThat(e.reason()).isEqualTo("subject_gone");
    });
  }
}
