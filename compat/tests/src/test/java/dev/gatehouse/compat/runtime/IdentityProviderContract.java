package dev.gatehouse.compat.runtime;

import static dev.gatehouse.testkit.KeycloakRealm.ALICE;
import static dev.gatehouse.testkit.KeycloakRealm.ALICE_PASSWORD;
import static dev.gatehouse.testkit.KeycloakRealm.BOB;
import static dev.gatehouse.testkit.KeycloakRealm.BOB_PASSWORD;
import static dev.gatehouse.testkit.KeycloakRealm.NOTES_API;
import static dev.gatehouse.testkit.KeycloakRealm.NOTES_WEB;
import static dev.gatehouse.testkit.KeycloakRealm.NOTES_WEB_SECRET;
import static dev.gatehouse.testkit.KeycloakRealm.OTHER_APP;
import static dev.gatehouse.testkit.KeycloakRealm.OTHER_APP_SECRET;
import static dev.gatehouse.testkit.KeycloakRealm.SCOPE_READ;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.KeycloakTestServer;
import dev.gatehouse.testkit.KeycloakTokens;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application verifying a real Keycloak's RS256 tokens through OpenID Connect discovery, on a
 * second instance of the runtime started with the settings the README gives for Keycloak and no
 * other ({@link #keycloakEnvironment()}: the issuer, this API's audience, where the roles are) —
 * no key, no secret, no Gatehouse issuer. Keycloak's realm and client roles are enforced by
 * {@code @RolesAllowed}, a scope by {@code @RequireScopes}, and a token Keycloak issued for
 * another client or as an ID token is refused ({@code IdentityProviderResource}, at {@code /idp}).
 *
 * <p>Keycloak starts once per test JVM ({@link KeycloakTestServer#shared()}); each runtime's test
 * class starts its Keycloak instance once, on first use, beside the one {@link RuntimeContract}
 * runs against, and stops it at its end. The runtimes use the wall clock, as Keycloak does, so a
 * token is never "issued in the future" to them.
 */
interface IdentityProviderContract {

  /** The runtime started with {@link #keycloakEnvironment()} instead of the HS256 settings. */
  RuntimeUnderTest keycloakRuntime();

  /** The test JVM's Keycloak, started if it is not yet. */
  static KeycloakTestServer keycloak() {
    KeycloakTestServer keycloak = KeycloakTestServer.shared();
    keycloak.start();
    return keycloak;
  }

  /**
   * The README's settings for Keycloak as configuration properties: the realm's issuer URL
   * ({@code http://127.0.0.1:<port>/realms/gatehouse}: http is allowed to loopback), the audience
   * Keycloak's audience mapper adds to notes-web's tokens, and the realm and client roles.
   */
  static Map<String, String> keycloakSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("gatehouse.jwt.oidc-issuer", keycloak().issuer());
    settings.put("gatehouse.jwt.audience", NOTES_API);
    settings.put("gatehouse.jwt.roles-claims",
        "realm_access.roles,resource_access." + NOTES_API + ".roles");
    return settings;
  }

  /** {@link #keycloakSettings()} as environment variables ({@code GATEHOUSE_JWT_OIDC_ISSUER}, …). */
  static Map<String, String> keycloakEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    keycloakSettings().forEach((name, value) -> env.put(
        name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT), value));
    return env;
  }

  /** Also proves the instance started on Keycloak's key set, which holds an encryption key. */
  @Test
  default void keycloaksPasswordGrantTokenIsServedByItsRealmAndClientRoles() {
    String alice = alice().accessToken();
    ExtractableResponse<Response> me = get("idp/me", alice);
    assertThat(me.statusCode()).as(me.asString()).isEqualTo(200);
    assertThat(me.jsonPath().getString("username")).isEqualTo(ALICE);
    assertThat(get("idp/write", alice).statusCode()).as("realm role writer").isEqualTo(200);
    assertThat(get("idp/admin", alice).statusCode()).as("notes-api's client role admin")
        .isEqualTo(200);
    assertThat(keycloakRuntime().log()).as("started on discovery alone, verifying only")
        .contains("(OpenID Connect discovery)").contains("verify only")
        .as("Keycloak's RSA-OAEP key skipped, not a refusal of its key set")
        .contains("Gatehouse JWT skips the JWKS key").contains("(\"use\": \"enc\")");
  }

  @Test
  default void aKeycloakUserWithoutTheRealmOrClientRoleGets403() {
    String bob = bob().accessToken();
    assertThat(get("idp/me", bob).statusCode()).isEqualTo(200);
    assertThat(get("idp/write", bob).statusCode()).as("no realm role writer").isEqualTo(403);
    assertThat(get("idp/admin", bob).statusCode()).as("no client role admin").isEqualTo(403);
  }

  @Test
  default void anEndpointRequiringAScopeServesATokenGrantedItAndRefusesOneWithout() {
    ExtractableResponse<Response> granted = get("idp/notes", alice(SCOPE_READ).accessToken());
    assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(200);
    ExtractableResponse<Response> without = get("idp/notes", alice().accessToken());
    assertThat(without.statusCode()).as(without.asString()).isEqualTo(403);
    assertThat(without.header("WWW-Authenticate"))
        .isEqualTo("Bearer error=\"insufficient_scope\", scope=\"" + SCOPE_READ + "\"");
    assertThat(keycloakRuntime().log())
        .contains("GET /idp/notes | who: roles reader; scopes " + SCOPE_READ);
  }

  /**
   * other-app has no audience mapper: bob's token through it names only Keycloak's
   * {@code account}, not this API.
   */
  @Test
  default void aTokenKeycloakIssuedThroughAClientWhoseTokensDoNotNameThisApiIs401() {
    String other = keycloak().passwordGrant(OTHER_APP, OTHER_APP_SECRET, BOB, BOB_PASSWORD)
        .accessToken();
    assertThat(refusal(other)).isEqualTo("wrong_audience");
  }

  /**
   * An ID token is for the client that signed in (its {@code aud} is notes-web), never for an
   * API, whatever roles it lists.
   */
  @Test
  default void keycloaksIdTokenIs401() {
    assertThat(refusal(alice("openid").idToken())).isEqualTo("wrong_audience");
  }

  @Test
  default void aClientCredentialsTokenOfAClientWhoseTokensNameThisApiIsServed() {
    String service = keycloak().clientCredentials(NOTES_WEB, NOTES_WEB_SECRET).accessToken();
    ExtractableResponse<Response> me = get("idp/me", service);
    assertThat(me.statusCode()).as(me.asString()).isEqualTo(200);
    assertThat(me.jsonPath().getString("username")).isEqualTo("service-account-" + NOTES_WEB);
  }

  // ---- helpers ----

  private static KeycloakTokens alice(String... scopes) {
    return keycloak().passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, ALICE, ALICE_PASSWORD, scopes);
  }

  private static KeycloakTokens bob(String... scopes) {
    return keycloak().passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, BOB, BOB_PASSWORD, scopes);
  }

  private ExtractableResponse<Response> get(String path, String token) {
    return given().baseUri(keycloakRuntime().baseUri().toString()).redirects().follow(false)
        .header("Authorization", "Bearer " + token).get(path).then().extract();
  }

  /**
   * Presents {@code token}, expects the same 401 as for any refused token, and returns the reason
   * the security event of that request recorded.
   */
  private String refusal(String token) {
    ExtractableResponse<Response> r = get("idp/me", token);
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.contentType()).startsWith("application/problem+json");
    String request = "\"requestId\":\"" + r.header("X-Request-Id") + "\"";
    String event = awaitLogLine(request, "\"event\":\"AUTHENTICATION_FAILED\"");
    int start = event.indexOf("\"reason\":\"") + "\"reason\":\"".length();
    return event.substring(start, event.indexOf('"', start));
  }

  /**
   * The first line of the runtime's log holding every one of {@code parts}, polled for at most
   * ten seconds: a child process's log reaches its file a little after its answer.
   */
  private String awaitLogLine(String... parts) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Optional<String> line = keycloakRuntime().log().lines()
          .filter(l -> java.util.Arrays.stream(parts).allMatch(l::contains)).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      assertThat(System.nanoTime()).as("a log line with %s in:%n%s", String.join(" and ", parts),
          keycloakRuntime().log()).isLessThan(deadline);
      try {
        Thread.sleep(50); // the interval of a bounded poll, not a wait for time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
