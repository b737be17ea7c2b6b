package dev.gatehouse.ownership;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.ownership.support.Apps;
import dev.gatehouse.ownership.support.Scopes;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Inject Owner} answers for the request being served in a bean of every scope: two users
 * alternate, and each sees only themself — never the first caller's owner kept by a singleton.
 */
class OwnerInjectionTest {

  @RegisterExtension
  static final EmbeddedServer server = Apps.server()
      .register(Scopes.ApplicationResource.class, Scopes.SingletonResource.class,
          Scopes.DependentResource.class, Scopes.ServiceResource.class)
      .build();

  static String alice;
  static String bob;

  @BeforeAll
  static void tokens() {
    alice = Apps.token(server, "alice");
    bob = Apps.token(server, "bob");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application", "singleton", "dependent", "service"})
  void twoCallersAlternatingEachSeeOnlyThemselves(String scope) {
    for (int round = 0; round < 3; round++) {
      assertThat(whoami(alice, scope)).as("round %d, alice", round).isEqualTo("alice");
      assertThat(whoami(bob, scope)).as("round %d, bob", round).isEqualTo("bob");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"application", "service"})
  void anAnonymousCallAfterAnAuthenticatedOneIsRefused(String scope) {
    assertThat(whoami(alice, scope)).isEqualTo("alice");
    ExtractableResponse<Response> r = given().get("/scoped/" + scope).then().extract();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.asString()).doesNotContain("alice");
  }

  private static String whoami(String token, String scope) {
    ExtractableResponse<Response> r = given().header("Authorization", "Bearer " + token)
        .get("/scoped/" + scope).then().extract();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    return r.jsonPath().getString("owner");
  }
}
