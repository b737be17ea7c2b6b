package dev.gatehouse.compat.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.jwt.RoleSource;
import dev.gatehouse.test.TestCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The document quarkus-smallrye-openapi generates, with {@code mp.openapi.filter} (Gatehouse's
 * {@code GatehouseOpenApiFilter}) applied by Quarkus at run time, read through the application's
 * {@code /openapi} behind Gatehouse's docs gate — never from {@code /q/openapi}, which stays off.
 */
@QuarkusTest
@TestProfile(OpenApiDocumentTest.DocsForAdmins.class)
class OpenApiDocumentTest {

  private static final String PROBLEM = "#/components/schemas/Problem";

  /** Documentation on for admins, and Gatehouse's filter registered the MicroProfile way. */
  public static class DocsForAdmins implements QuarkusTestProfile {
    private static final String SECRET = secret();

    private static String secret() {
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      return Base64.getEncoder().encodeToString(b);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("gatehouse.jwt.issuer", "https://compat.gatehouse.dev",
          "gatehouse.jwt.audience", "compat", "gatehouse.jwt.secret", SECRET,
          "gatehouse.docs.enabled", "true", "gatehouse.docs.roles", "admin",
          "mp.openapi.filter", "dev.gatehouse.core.GatehouseOpenApiFilter");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(Roles.class);
    }
  }

  /** The application's record of roles, which enabled documentation re-checks: alice is admin. */
  @Alternative
  @Priority(1)
  @ApplicationScoped
  public static class Roles implements RoleSource {
    @Override
    public Set<String> currentRoles(String subject) {
      return subject.equals("alice") ? Set.of("admin") : Set.of();
    }
  }

  @Test
  @TestCaller(subject = "alice", roles = "admin")
  void anAdminReadsTheDocumentWithWhatGatehouseEnforces() {
    JsonPath doc = given().get("/openapi").then().statusCode(200).extract().jsonPath();

    assertBearerScheme(doc);
    String item = "paths.'/items/{id}'.get";
    assertThat(doc.getList(item + ".security"), equalTo(List.of(Map.of("bearer", List.of()))));
    for (String status : List.of("401", "404")) {
      problem(doc, item, status);
    }
    problem(doc, "paths.'/items'.post", "429");
    assertThat(doc.get("paths.'/public'.get.security"),
        anyOf(nullValue(), empty()));
    assertThat(doc.getMap("paths.'/public'.get.responses"),
        not(hasKey("401")));
  }

  @Test
  void anAnonymousCallerIsNotShownTheDocument() {
    given().get("/openapi").then().statusCode(in(List.of(401, 404)));
    given().get("/q/openapi").then().statusCode(404);
  }

  private static void assertBearerScheme(JsonPath doc) {
    Map<String, Object> bearer = doc.getMap("components.securitySchemes.bearer");
    assertThat(bearer, hasEntry("type", "http"));
    assertThat(bearer, hasEntry("scheme", "bearer"));
    assertThat(bearer, hasEntry("bearerFormat", "JWT"));
  }

  private static void problem(JsonPath doc, String operation, String status) {
    assertThat(operation + " " + status,
        doc.getString(operation + ".responses.'" + status
            + "'.content.'application/problem+json'.schema.'$ref'"), equalTo(PROBLEM));
    assertThat(doc.getMap("components.schemas.Problem"), notNullValue());
  }
}
