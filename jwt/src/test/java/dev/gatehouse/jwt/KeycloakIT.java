package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.KeycloakKey;
import dev.gatehouse.testkit.KeycloakRealm;
import dev.gatehouse.testkit.KeycloakTestServer;
import dev.gatehouse.testkit.KeycloakTokens;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.MutableClock;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Keycloak ({@link KeycloakTestServer}: the Maven Central distribution, or
 * {@code GATEHOUSE_TEST_KEYCLOAK_URL}) and a Gatehouse service configured as the README's
 * "Identity providers" table says for Keycloak — the issuer, this API's audience and where the
 * roles are — and nothing else, over HTTP: its password-grant and client-credentials tokens
 * accepted, realm and client roles enforced, a scope required, another client's tokens and its
 * ID tokens refused, its key set (with its encryption key) used, and a key rotation done through
 * its admin REST API followed: the new key's tokens verify at once, the disabled key's within
 * the refresh interval. Keycloak starts once per test JVM (about 30 s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

  @RegisterExtension
  static final KeycloakTestServer keycloak = KeycloakTestServer.shared();

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse.jwt");

  private static EmbeddedServer server;
  private static MutableClock clock;

  /** What the service offers: one endpoint per kind of rule. */
  @Path("/kc")
  @RequestScoped
  public static class Notes {
    @Inject
    JsonWebToken jwt;

    @GET
    @Path("/me")
    @RolesAllowed("**")
    public String me() {
      return jwt.getClaim("azp") + " " + jwt.getClaim("preferred_username");
    }

    @GET
    @Path("/write")
    @RolesAllowed(KeycloakRealm.WRITER)
    public String write() {
      return "written";
    }

    @GET
    @Path("/admin")
    @RolesAllowed(KeycloakRealm.API_ADMIN)
    public String admin() {
      return "admin";
    }

    @GET
    @Path("/notes")
    @RolesAllowed(KeycloakRealm.READER)
    @RequireScopes(KeycloakRealm.SCOPE_READ)
    public String notes() {
      return "notes";
    }
  }

  /** The settings the README's table gives for Keycloak, and no other. */
  private static EmbeddedServer.Builder keycloakService() {
    return EmbeddedServer.builder().register(GatehouseJwtFeature.class, Notes.class)
        .property("gatehouse.jwt.oidc-issuer", keycloak.issuer())
        .property("gatehouse.jwt.audience", KeycloakRealm.NOTES_API)
        .property("gatehouse.jwt.roles-claims",
            "realm_access.roles, resource_access." + KeycloakRealm.NOTES_API + ".roles");
  }

  @BeforeAll
  static void service() {
    server = keycloakService().build().start();
    clock = server.cdi().select(MutableClock.class).get();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /**
   * The status of {@code path} with {@code token}. The service's test clock stands still unless
   * moved, and Keycloak signs with the wall clock: it is first brought up to the wall clock
   * (never back), so a token Keycloak issued a minute after the service started is not one
   * "issued in the future".
   */
  private static int get(String path, String token) {
    MutableClock c = server.cdi().select(MutableClock.class).get();
    java.time.Instant wall = java.time.Instant.now();
    if (c.instant().isBefore(wall)) {
      c.set(wall);
    }
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token).get(path).statusCode();
  }



  private static KeycloakTokens alice(String... scopes) {
    return keycloak.passwordGrant(KeycloakRealm.NOTES_WEB, KeycloakRealm.NOTES_WEB_SECRET,
        KeycloakRealm.ALICE, KeycloakRealm.ALICE_PASSWORD, scopes);
  }

  private static KeycloakTokens bob(String... scopes) {
    return keycloak.passwordGrant(KeycloakRealm.NOTES_WEB, KeycloakRealm.NOTES_WEB_SECRET,
        KeycloakRealm.BOB, KeycloakRealm.BOB_PASSWORD, scopes);
  }

  @Test
  @Order(1)
  void startedOnKeycloaksIssuerAloneThoughItsKeySetHoldsAnEncryptionKey() {
    // the service is up (BeforeAll), on a key set Keycloak publishes with an RSA-OAEP key
    assertThat(given().get(keycloak.jwksUri()).jsonPath().getList("keys.use"))
        .contains("sig", "enc");
    assertThat(get("/kc/me", alice().accessToken())).isEqualTo(200);
  }

  @Test
  @Order(2)
  void acceptsPasswordGrantTokensAndEnforcesRealmAndClientRoles() {
    String alice = alice().accessToken();
    String bob = bob().accessToken();
    assertThat(get("/kc/me", alice)).isEqualTo(200);
    assertThat(get("/kc/write", alice)).as("realm role writer").isEqualTo(200);
    assertThat(get("/kc/admin", alice)).as("client role notes-api/admin").isEqualTo(200);
    assertThat(get("/kc/me", bob)).isEqualTo(200);
    assertThat(get("/kc/write", bob)).isEqualTo(403);
    assertThat(get("/kc/admin", bob)).isEqualTo(403);
  }

  @Test
  @Order(3)
  void requiresTheScopeAnEndpointNames() {
    assertThat(get("/kc/notes", alice(KeycloakRealm.SCOPE_READ).accessToken())).isEqualTo(200);
    assertThat(get("/kc/notes", bob(KeycloakRealm.SCOPE_READ).accessToken())).isEqualTo(200);
    assertThat(get("/kc/notes", alice().accessToken())).as("the scope not asked for")
        .isEqualTo(403);
    assertThat(get("/kc/notes", alice(KeycloakRealm.SCOPE_WRITE).accessToken()))
        .as("another scope").isEqualTo(403);
  }

  @Test
  @Order(4)
  void acceptsClientCredentialsTokensOfAClientWhoseTokensNameThisApi() {
    String service = keycloak.clientCredentials(KeycloakRealm.NOTES_WEB,
        KeycloakRealm.NOTES_WEB_SECRET, KeycloakRealm.SCOPE_READ).accessToken();
    assertThat(get("/kc/me", service)).isEqualTo(200);
    assertThat(get("/kc/notes", service)).as("its service account has the realm role reader")
        .isEqualTo(200);
    assertThat(get("/kc/write", service)).isEqualTo(403);
  }

  @Test
  @Order(5)
  void refusesTokensIssuedForAnotherAudienceAndIdTokens() {
    String other = keycloak.passwordGrant(KeycloakRealm.OTHER_APP, KeycloakRealm.OTHER_APP_SECRET,
        KeycloakRealm.BOB, KeycloakRealm.BOB_PASSWORD, KeycloakRealm.SCOPE_READ).accessToken();
    assertThat(get("/kc/me", other)).as("a client without the audience mapper").isEqualTo(401);
    String otherService = keycloak.clientCredentials(KeycloakRealm.OTHER_APP,
        KeycloakRealm.OTHER_APP_SECRET).accessToken();
    assertThat(get("/kc/me", otherService)).isEqualTo(401);
    assertThat(get("/kc/me", alice("openid").idToken())).as("an ID token").isEqualTo(401);
    assertThat(log.messages()).anyMatch(m -> m.startsWith("Gatehouse JWT refused a token"
        + " (wrong_audience)"));
  }

  @Test
  @Order(5)
  void namesThisApiInAnyClientsTokenOfAUserWithItsClientRolesSoAuthorizedPartiesNarrowsIt() {
    // Keycloak's "audience resolve": a user holding notes-api's client roles gets notes-api in
    // the aud of every client's token, so aud alone does not say which client asked
    String otherForAlice = keycloak.passwordGrant(KeycloakRealm.OTHER_APP,
        KeycloakRealm.OTHER_APP_SECRET, KeycloakRealm.ALICE, KeycloakRealm.ALICE_PASSWORD)
        .accessToken();
    assertThat(KeycloakTokens.part(otherForAlice, 1).get("aud").toString())
        .contains(KeycloakRealm.NOTES_API);
    assertThat(get("/kc/me", otherForAlice)).isEqualTo(200);
    server.stop(); // one Gatehouse application per JVM at a time
    try {
      server = keycloakService()
          .property("gatehouse.jwt.authorized-parties", KeycloakRealm.NOTES_WEB).build().start();
      assertThat(get("/kc/me", otherForAlice)).isEqualTo(401);
      assertThat(get("/kc/me", alice().accessToken())).isEqualTo(200);
    } finally {
      server.stop();
      service();
    }
  }

  @Test
  @Order(6)
  void aLogoutAtKeycloakEndsItsSessionButNotAnAccessTokenAlreadyIssued() {
    KeycloakTokens tokens = bob();
    assertThat(get("/kc/me", tokens.accessToken())).isEqualTo(200);
    keycloak.logout(KeycloakRealm.BOB);
    assertThatThrownBy(() -> keycloak.refresh(KeycloakRealm.NOTES_WEB,
        KeycloakRealm.NOTES_WEB_SECRET, tokens.refreshToken()))
        .as("Keycloak refuses the session's refresh token").isNotNull();
    assertThat(get("/kc/me", tokens.accessToken()))
        .as("the access token is a signed JWT: it verifies until it expires").isEqualTo(200);
  }

  @Test
  @Order(7)
  void followsAKeyRotationInKeycloakNewKeyAtOnceWithdrawnKeyWithinTheRefreshInterval()
      throws Exception {
    KeycloakKey old = keycloak.activeRsaSigningKey();
    String before = alice().accessToken();
    assertThat(get("/kc/me", before)).isEqualTo(200);

    KeycloakKey fresh = keycloak.addRsaSigningKey(old.priority() + 100);
    String after = alice().accessToken();
    assertThat(KeycloakTokens.part(after, 0).get("kid")).isEqualTo(fresh.kid());
    clock.advance(JwtSettings.DEFAULT_UNKNOWN_KID_REFETCH); // the refetch of an unknown kid may run
    assertThat(get("/kc/me", after)).as("the new key's first token").isEqualTo(200);
    assertThat(get("/kc/me", before)).as("the old key is still published").isEqualTo(200);

    keycloak.disableKeyProvider(old.componentId());
    clock.advance(JwtSettings.DEFAULT_KEY_REFRESH_INTERVAL);
    await("the disabled key's tokens are refused", () -> get("/kc/me", before) == 401);
    assertThat(get("/kc/me", after)).isEqualTo(200);
    assertThat(get("/kc/me", alice().accessToken())).isEqualTo(200);
  }

  /** Polls the background refresh's outcome for at most a minute. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(50); // the interval of a bounded poll, not a wait for time
    }
  }
}
