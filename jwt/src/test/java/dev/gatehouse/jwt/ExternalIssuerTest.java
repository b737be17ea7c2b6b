package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.jwt.support.TestResources;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.MutableClock;
import io.restassured.response.Response;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens of an external OpenID Connect issuer, over HTTP: its keys found through discovery, its
 * roles and scopes read where it puts them, and each claim rule an identity provider's default
 * tokens run into — accepted with the documented setting, refused without it (one hint in the
 * log naming the setting), and never loosened for a service that signs its own tokens.
 */
class ExternalIssuerTest {

  private static final KeyPair KEY = Pem.rsa(2048);

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse");

  private HttpServer idp;
  private String issuer;
  private volatile String discoveredIssuer;
  private volatile String jwksUri;
  private EmbeddedServer server;

  /** An endpoint needing a scope, and one needing a role and a scope. */
  @Path("/notes")
  @RequireScopes("notes:read")
  public static class Notes {
    @GET
    public String list() {
      return "notes";
    }

    @GET
    @Path("/write")
    @RolesAllowed("writer")
    @RequireScopes({"notes:read", "notes:write"})
    public String write() {
      return "written";
    }
  }

  @BeforeEach
  void identityProvider() throws IOException {
    idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/notes";
    discoveredIssuer = issuer;
    jwksUri = issuer + "/protocol/openid-connect/certs";
    idp.createContext("/realms/notes/.well-known/openid-configuration", ex -> answer(ex,
        "{\"issuer\":\"" + discoveredIssuer + "\",\"jwks_uri\":\"" + jwksUri + "\","
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
    idp.createContext("/realms/notes/protocol/openid-connect/certs", ex -> answer(ex, jwks()));
    idp.start();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Keycloak's shape: the RS256 signature key beside an RSA-OAEP encryption key. */
  private static String jwks() {
    try {
      PublicJsonWebKey sig = PublicJsonWebKey.Factory.newPublicJwk(KEY.getPublic());
      sig.setKeyId("rs-1");
      sig.setUse("sig");
      sig.setAlgorithm("RS256");
      PublicJsonWebKey enc = PublicJsonWebKey.Factory.newPublicJwk(Pem.rsa(2048).getPublic());
      enc.setKeyId("enc-1");
      enc.setUse("enc");
      enc.setAlgorithm("RSA-OAEP");
      return "{\"keys\":[" + sig.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + ","
          + enc.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    idp.stop(0);
  }

  /** A service verifying the issuer's tokens, configured by OpenID Connect discovery. */
  private EmbeddedServer.Builder service() {
    return EmbeddedServer.builder()
        .register(GatehouseJwtFeature.class, TestResources.Me.class, TestResources.Admin.class,
            Notes.class)
        .property("gatehouse.jwt.oidc-issuer", issuer)
        .property("gatehouse.jwt.audience", "notes-api");
  }

  private void start(EmbeddedServer.Builder builder) {
    server = builder.build().start();
  }

  /** A token as the issuer signs it: RS256, kid rs-1, aud notes-api. */
  private Forge token() {
    return Forge.valid(Base64.getEncoder().encodeToString(new byte[32]),
        server.cdi().select(MutableClock.class).get().instant())
        .header("alg", "RS256").header("kid", "rs-1").key(KEY.getPrivate())
        .claim("iss", issuer).claim("aud", "notes-api").without("groups");
  }

  private Response get(String path, Forge token) {
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token.sign()).get(path);
  }

  private int status(String path, Forge token) {
    return get(path, token).statusCode();
  }

  private List<String> problems(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class).problems();
  }

  private List<String> hints() {
    return log.messages().stream().filter(m -> m.startsWith("Gatehouse JWT refused a token"))
        .toList();
  }

  @Test
  void findsTheKeysThroughDiscoveryAndVerifiesTheIssuersTokensWithRs256() {
    start(service());
    assertThat(status("/me", token())).isEqualTo(200);
    assertThat(status("/me", token().claim("iss", issuer + "/"))).as("another issuer")
        .isEqualTo(401);
    assertThat(status("/me", token().key(Pem.rsa(2048).getPrivate()))).isEqualTo(401);
    assertThat(log.messages()).anyMatch(m -> m.startsWith("Gatehouse JWT active: JwtSettings[iss="
        + issuer + ", aud=notes-api, JwtKeys[RS256, kids [rs-1], verify only] from " + jwksUri
        + " (OpenID Connect discovery)"));
  }

  @Test
  void refusesToStartWhenTheDiscoveryDocumentNamesAnotherIssuerOrAnUntrustedJwksUri() {
    discoveredIssuer = issuer + "/";
    assertThat(problems(service())).containsExactly("gatehouse.jwt.oidc-issuer: \"" + issuer
        + "\" is not the issuer its discovery document names (\"" + issuer + "/\"); set the"
        + " issuer exactly as its tokens' iss claim spells it, trailing slash and all (OpenID"
        + " Connect Discovery §4.3)");
    discoveredIssuer = issuer;
    jwksUri = "http://idp.example.com/certs";
    assertThat(problems(service())).singleElement().asString().startsWith(
        "gatehouse.jwt.oidc-issuer: its discovery document's jwks_uri is refused:"
            + " \"http://idp.example.com/certs\" must use https");
    assertThat(problems(service().property("gatehouse.jwt.verify-keys-url", jwksUri)))
        .containsExactly("gatehouse.jwt.oidc-issuer: takes the keys from the issuer's JWKS, and"
            + " gatehouse.jwt.verify-keys-url is set too: a service that verifies an identity"
            + " provider's tokens neither holds keys of its own nor issues tokens; keep"
            + " gatehouse.jwt.oidc-issuer alone");
    assertThat(problems(service().property("gatehouse.jwt.oidc-issuer",
        "http://idp.example.com/realms/notes"))).singleElement().asString().startsWith(
        "gatehouse.jwt.oidc-issuer: \"http://idp.example.com/realms/notes\" must use https");
  }

  @Test
  void readsKeycloakRealmAndClientRolesWhereRolesClaimsPointsAndNoLongerFromGroups() {
    start(service().property("gatehouse.jwt.roles-claims",
        "realm_access.roles, resource_access.notes-api.roles"));
    assertThat(status("/admin", token().claim("realm_access", Map.of("roles", List.of("admin")))))
        .as("a realm role").isEqualTo(200);
    assertThat(status("/admin", token().claim("resource_access",
        Map.of("notes-api", Map.of("roles", List.of("admin")))))).as("this API's client role")
        .isEqualTo(200);
    assertThat(status("/admin", token().claim("resource_access",
        Map.of("other-app", Map.of("roles", List.of("admin")))))).as("another client's role")
        .isEqualTo(403);
    assertThat(status("/admin", token().claim("groups", List.of("admin"))))
        .as("groups is not read when roles-claims names other claims").isEqualTo(403);
    assertThat(status("/admin", token().claim("realm_access", Map.of("roles", "admin"))))
        .as("a single string is one role").isEqualTo(200);
    assertThat(status("/admin", token().claim("realm_access", Map.of("roles", "x admin"))))
        .as("never split into roles").isEqualTo(403);
    assertThat(status("/admin", token().claim("realm_access",
        Map.of("roles", List.of("admin", 7))))).as("an array holding a non-string")
        .isEqualTo(403);
  }

  @Test
  void readsRolesFromANamespacedClaimOrCognitoGroups() {
    start(service().property("gatehouse.jwt.roles-claims",
        "\"https://notes.example.com/roles\", cognito:groups"));
    assertThat(status("/admin", token().claim("https://notes.example.com/roles",
        List.of("admin")))).isEqualTo(200);
    assertThat(status("/admin", token().claim("cognito:groups", List.of("admin"))))
        .isEqualTo(200);
    assertThat(status("/admin", token().claim("https://notes.example.com/roles",
        List.of("user")))).isEqualTo(403);
  }

  @Test
  void requiresEveryScopeAnEndpointNamesFromScopeOrScpAndSaysWhichWithInsufficientScope() {
    start(service().property("gatehouse.jwt.roles-claims", "roles"));
    assertThat(status("/notes", token().claim("scope", "openid notes:read"))).isEqualTo(200);
    assertThat(status("/notes", token().claim("scp", List.of("notes:read")))).as("Okta's array")
        .isEqualTo(200);
    assertThat(status("/notes", token().claim("scp", "notes:read"))).as("Entra ID's string")
        .isEqualTo(200);
    Response without = get("/notes", token().claim("scope", "openid notes:readx"));
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(without.header("WWW-Authenticate"))
        .isEqualTo("Bearer error=\"insufficient_scope\", scope=\"notes:read\"");
    assertThat(status("/notes/write", token().claim("roles", List.of("writer"))
        .claim("scope", "notes:read"))).as("one of two scopes").isEqualTo(403);
    assertThat(status("/notes/write", token().claim("scope", "notes:read notes:write")))
        .as("the scopes without the role").isEqualTo(403);
    assertThat(status("/notes/write", token().claim("roles", List.of("writer"))
        .claim("scope", "notes:write notes:read"))).isEqualTo(200);
    assertThat(given().baseUri(server.baseUri().toString()).get("/notes").statusCode())
        .as("no token").isEqualTo(401);
    assertThat(log.messages()).as("the endpoint report").anyMatch(m -> m.contains(
        "GET /notes/write | who: roles writer; scopes notes:read, notes:write"))
        .anyMatch(m -> m.contains("GET /notes | who: authenticated; scopes notes:read"));
  }

  @Test
  void refusesATokenWithoutAudUntilTheAudienceIsReadFromClientIdAsCognitoIssuesIt() {
    start(service());
    assertThat(status("/me", token().without("aud").claim("client_id", "notes-api")))
        .isEqualTo(401);
    assertThat(status("/me", token().without("aud"))).isEqualTo(401);
    assertThat(hints()).singleElement().asString().startsWith("Gatehouse JWT refused a token"
        + " (missing_audience): it has no aud claim. Keycloak adds aud with an Audience mapper")
        .contains("set gatehouse.jwt.audience-claim=client_id");
    server.stop();
    start(service().property("gatehouse.jwt.audience-claim", "client_id"));
    assertThat(status("/me", token().without("aud").claim("client_id", "notes-api")))
        .isEqualTo(200);
    assertThat(status("/me", token().without("aud").claim("client_id", "other-app")))
        .isEqualTo(401);
    assertThat(status("/me", token().claim("aud", "notes-api"))).as("aud is not read now")
        .isEqualTo(401);
  }

  @Test
  void acceptsTokensWithoutJtiOnlyWhenToldAndSaysWhatThatCosts() {
    start(service());
    assertThat(status("/me", token().without("jti").claim("uti", "AbC"))).isEqualTo(401);
    assertThat(hints()).singleElement().asString().startsWith("Gatehouse JWT refused a token"
        + " (missing_jti): it has no jti (Entra ID issues uti instead");
    server.stop();
    start(service().property("gatehouse.jwt.require-jti", "false"));
    assertThat(status("/me", token().without("jti"))).isEqualTo(200);
    assertThat(status("/me", token().claim("jti", " "))).as("a blank jti is still refused")
        .isEqualTo(401);
    assertThat(log.messages()).contains("Gatehouse JWT accepts tokens without jti"
        + " (gatehouse.jwt.require-jti=false): such a token cannot be deny-listed by itself, only"
        + " by its session (sid) or its expiry");
  }

  @Test
  void acceptsOnlyTheAuthorizedPartiesWhenSomeAreNamed() {
    start(service().property("gatehouse.jwt.authorized-parties", "notes-web, notes-cli"));
    assertThat(status("/me", token().claim("azp", "notes-web"))).isEqualTo(200);
    assertThat(status("/me", token().claim("azp", "notes-cli"))).isEqualTo(200);
    assertThat(status("/me", token().claim("azp", "other-app"))).isEqualTo(401);
    assertThat(status("/me", token())).as("no azp").isEqualTo(401);
  }

  @Test
  void acceptsTheHeaderTypesConfiguredAndNeverAnIdOrRefreshToken() {
    start(service());
    assertThat(status("/me", token().withoutHeader("typ"))).isEqualTo(200);
    assertThat(status("/me", token().header("typ", "at+jwt"))).isEqualTo(200);
    assertThat(status("/me", token().header("typ", "application/at+jwt"))).isEqualTo(200);
    assertThat(status("/me", token().header("typ", "dpop+jwt"))).isEqualTo(401);
    assertThat(status("/me", token().claim("typ", "Bearer"))).as("Keycloak's access token")
        .isEqualTo(200);
    assertThat(status("/me", token().claim("typ", "ID"))).as("Keycloak's ID token")
        .isEqualTo(401);
    assertThat(status("/me", token().claim("typ", "Refresh"))).isEqualTo(401);
    assertThat(status("/me", token().claim("at_hash", "HK6E_P6Dh8Y93mRNtsDB1Q")))
        .as("an OpenID Connect ID token, as Google's").isEqualTo(401);
    assertThat(status("/me", token().claim("c_hash", "LDktKdoQak3Pk0cnXxCltA"))).isEqualTo(401);
    assertThat(status("/me", token().claim("token_use", "id"))).as("Cognito's ID token")
        .isEqualTo(401);
    assertThat(status("/me", token().claim("token_use", "access"))).as("Cognito's access token")
        .isEqualTo(200);
    assertThat(hints()).filteredOn(m -> m.contains("(not_an_access_token)")).singleElement()
        .asString().isEqualTo("Gatehouse JWT refused a token (not_an_access_token): it has a"
        + " typ claim \"ID\", which marks an ID or refresh token presented as an access token."
        + " Send the access token. Logged once; later refusals of this kind are security events"
        + " only.");
    server.stop();
    start(service().property("gatehouse.jwt.token-types", "at+jwt"));
    assertThat(status("/me", token().header("typ", "at+jwt"))).isEqualTo(200);
    assertThat(status("/me", token().header("typ", "JWT"))).isEqualTo(401);
    assertThat(status("/me", token().withoutHeader("typ"))).isEqualTo(401);
  }

  @Test
  void acceptsLongerLivedTokensOfAnExternalIssuerOnlyWhenMaxTokenAgeIsRaisedWithAWarning() {
    start(service());
    Forge hour = token();
    long iat = ((Number) hour.claims().get("iat")).longValue();
    hour.claim("exp", iat + 3600);
    assertThat(status("/me", hour)).isEqualTo(401);
    assertThat(hints()).singleElement().asString().startsWith("Gatehouse JWT refused a token"
        + " (lifetime_too_long): it lives 3600 s (exp - iat), longer than"
        + " gatehouse.jwt.max-token-age (PT15M). Shorten access tokens at the provider (Keycloak:");
    server.stop();
    start(service().property("gatehouse.jwt.max-token-age", "PT90M"));
    assertThat(status("/me", hour)).isEqualTo(200);
    assertThat(log.messages()).anyMatch(m -> m.startsWith("Gatehouse JWT accepts tokens living up"
        + " to PT1H30M (gatehouse.jwt.max-token-age), above the PT30M default"));
  }

  @Test
  void neverLoosensTheRulesForAServiceThatSignsItsOwnTokens() {
    String secret = Servers.secret(32);
    assertThat(problems(Servers.hs256(secret).property("gatehouse.jwt.max-token-age", "PT1H")))
        .containsExactly("gatehouse.jwt.max-token-age: \"PT1H\" is above PT30M, which only a"
            + " service that verifies an external issuer's tokens may set; this one signs its own"
            + " (gatehouse.jwt.secret), and its tokens are refused after 30 minutes: keep it at"
            + " most PT30M");
    assertThat(problems(Servers.hs256(secret).property("gatehouse.jwt.require-jti", "false")
        .property("gatehouse.jwt.audience-claim", "client_id"))).containsExactly(
        "gatehouse.jwt.require-jti=false, gatehouse.jwt.audience-claim=client_id: loosens what"
            + " tokens must carry, which only a service that verifies an external issuer's tokens"
            + " may do; this one signs its own (gatehouse.jwt.secret), whose tokens always carry"
            + " jti and aud: remove it");
    assertThat(problems(service().property("gatehouse.jwt.max-token-age", "P2D")))
        .singleElement().asString().startsWith("gatehouse.jwt.max-token-age: \"PT48H\" must be"
            + " from PT30S to PT24H");
  }

  /** A scope beside a public endpoint: a contradiction. */
  @Path("/public-scoped")
  @RequireScopes("notes:read")
  public static class PublicScoped {
    @GET
    @jakarta.annotation.security.PermitAll
    public String get() {
      return "";
    }
  }

  @Test
  void refusesToStartOnClaimSettingsItCannotReadOrAScopeBesidePermitAll() {
    assertThat(problems(service().property("gatehouse.jwt.roles-claims", "realm_access.")))
        .containsExactly("gatehouse.jwt.roles-claims: \"realm_access.\" ends with '.'");
    assertThat(problems(service().property("gatehouse.jwt.roles-claims", "\"https://x/roles")))
        .containsExactly("gatehouse.jwt.roles-claims: \"\"https://x/roles\" opens a quoted name"
            + " it never closes");
    assertThat(problems(service().property("gatehouse.jwt.token-types", "dpop+jwt")))
        .containsExactly("gatehouse.jwt.token-types: \"dpop+jwt\" is not a token type Gatehouse"
            + " accepts; use JWT, at+jwt or both");
    assertThat(problems(service().property("gatehouse.jwt.audience-claim", "aud sub")))
        .singleElement().asString().startsWith("gatehouse.jwt.audience-claim: \"aud sub\" must"
            + " be one claim name");
    assertThat(problems(service().register(PublicScoped.class))).containsExactly(
        "@RequireScopes on PublicScoped#get requires a token, which @PermitAll contradicts:"
            + " remove one of them");
  }
}
