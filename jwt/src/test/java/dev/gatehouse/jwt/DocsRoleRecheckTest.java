package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.jwt.support.TestBeans;
import dev.gatehouse.jwt.support.TestResources;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enabled documentation is for callers whose token carries one of {@code gatehouse.docs.roles}
 * and whose account still holds it in the application's data ({@code RoleSource}), asked on every
 * request as {@code @RecheckRoles} asks: a token outlives a demotion (issue 11, item 15).
 */
class DocsRoleRecheckTest {

  private static String login(String subject, String... roles) {
    return given().contentType("application/json")
        .body(Map.of("subject", subject, "roles", Set.of(roles)))
        .post("/auth/login").then().statusCode(200).extract().path("access_token");
  }

  private static RequestSpecification as(String token) {
    return given().header("Authorization", "Bearer " + token);
  }

  @Nested
  class ForAdmins {

    @RegisterExtension
    static final EmbeddedServer server = Servers.hs256(Servers.secret(32))
        .register(TestResources.Docs.class)
        .property("gatehouse.docs.enabled", "true")
        .build();

    private TestBeans data() {
      return server.cdi().select(TestBeans.class).get();
    }

    private RecordedEvents events() {
      RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
      events.clear();
      return events;
    }

    @Test
    void currentAdminReadsTheDocs() {
      data().grant("docs-admin", Set.of("admin"));
      as(login("docs-admin", "admin")).get("/openapi").then().statusCode(200)
          .body("openapi", equalTo("3.1.0"));
    }

    @Test
    void demotedAdminCannotReadDocsWithStaleToken() {
      data().grant("demoted", Set.of("admin"));
      String token = login("demoted", "admin");
      as(token).get("/openapi").then().statusCode(200);

      data().grant("demoted", Set.of("user"));
      RecordedEvents events = events();
      as(token).get("/openapi").then().statusCode(403)
          .contentType("application/problem+json")
          .body("detail", equalTo("You may not view the API documentation."));
      assertThat(events.all()).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo(SecurityEventType.ACCESS_DENIED);
        assertThat(e.reason()).isEqualTo("docs_role_revoked");
        assertThat(e.subject()).isEqualTo("demoted");
      });
      assertThat(as(token).get("/openapi").asString()).doesNotContain("3.1.0");
    }

    @Test
    void deletedAdminGets401ForTheDocsAsRecheckRolesAnswers() {
      data().grant("deleted", Set.of("admin"));
      String token = login("deleted", "admin");
      data().delete("deleted");
      RecordedEvents events = events();
      as(token).get("/openapi").then().statusCode(401).header("WWW-Authenticate", "Bearer");
      assertThat(events.all()).extracting(SecurityEvent::type, SecurityEvent::reason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(
              SecurityEventType.AUTHENTICATION_FAILED, "docs_subject_gone"));
    }

    @Test
    void roleDataThatCannotBeReadIs503ForTheDocsAsForRecheckRoles() {
      data().grant("outage", Set.of("admin"));
      String token = login("outage", "admin");

      data().failOnce("outage");
      as(token).get("/openapi").then().statusCode(503).header("Retry-After", "2")
          .contentType("application/problem+json");
      data().failOnce("outage");
      as(token).put("/admin/critical").then().statusCode(503).header("Retry-After", "2");

      as(token).get("/openapi").then().statusCode(200); // the next request asks again
    }

    @Test
    void theDataAloneDoesNotAdmitATokenWithoutTheRole() {
      data().grant("promoted", Set.of("admin"));
      RecordedEvents events = events();
      as(login("promoted", "user")).get("/openapi").then().statusCode(403);
      assertThat(events.all()).extracting(SecurityEvent::reason).containsExactly("docs_role");
    }

    @Test
    void anonymousCallersGet401() {
      given().get("/openapi").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }
  }

  @Nested
  class ForConfiguredRoles {

    @RegisterExtension
    static final EmbeddedServer server = Servers.hs256(Servers.secret(32))
        .register(TestResources.Docs.class)
        .property("gatehouse.docs.enabled", "true")
        .property("gatehouse.docs.roles", "ops, auditor")
        .build();

    @Test
    void onlyTheConfiguredRolesHeldNowSeeTheDocs() {
      TestBeans data = server.cdi().select(TestBeans.class).get();
      data.grant("aud", Set.of("auditor"));
      data.grant("root", Set.of("admin"));
      as(login("aud", "auditor")).get("/openapi").then().statusCode(200);
      as(login("root", "admin")).get("/openapi").then().statusCode(403);
      String stale = login("aud", "auditor");
      data.grant("aud", Set.of("user"));
      as(stale).get("/openapi").then().statusCode(403);
    }
  }
}
