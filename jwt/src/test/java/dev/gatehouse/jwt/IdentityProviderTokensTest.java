package dev.gatehouse.jwt;

import static dev.gatehouse.jwt.support.ProviderFixtures.AUTH0_API;
import static dev.gatehouse.jwt.support.ProviderFixtures.AUTH0_CLIENT;
import static dev.gatehouse.jwt.support.ProviderFixtures.AUTH0_ISSUER;
import static dev.gatehouse.jwt.support.ProviderFixtures.AUTH0_ROLES_CLAIM;
import static dev.gatehouse.jwt.support.ProviderFixtures.COGNITO_CLIENT;
import static dev.gatehouse.jwt.support.ProviderFixtures.COGNITO_ISSUER;
import static dev.gatehouse.jwt.support.ProviderFixtures.ENTRA_API_CLIENT_ID;
import static dev.gatehouse.jwt.support.ProviderFixtures.ENTRA_APP_ID_URI;
import static dev.gatehouse.jwt.support.ProviderFixtures.ENTRA_CLIENT_APP;
import static dev.gatehouse.jwt.support.ProviderFixtures.ENTRA_V1_ISSUER;
import static dev.gatehouse.jwt.support.ProviderFixtures.ENTRA_V2_ISSUER;
import static dev.gatehouse.jwt.support.ProviderFixtures.GOOGLE_CALLER;
import static dev.gatehouse.jwt.support.ProviderFixtures.GOOGLE_ISSUER;
import static dev.gatehouse.jwt.support.ProviderFixtures.GOOGLE_RUN_SERVICE;
import static dev.gatehouse.jwt.support.ProviderFixtures.GOOGLE_WEB_CLIENT;
import static dev.gatehouse.jwt.support.ProviderFixtures.OKTA_AUDIENCE;
import static dev.gatehouse.jwt.support.ProviderFixtures.OKTA_ISSUER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.ProviderFixtures;
import dev.gatehouse.jwt.support.ProviderKey;
import dev.gatehouse.jwt.support.TestResources;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.MutableClock;
import io.restassured.response.Response;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each identity provider's default access token and key set, shaped exactly as the provider
 * documents them ({@link ProviderFixtures}) and signed with keys generated here, verified over
 * HTTP by a service configured with the provider's JWKS ({@code verify-keys}) and issuer: first
 * with Gatehouse's defaults — refused, and the security event says why — then with the fewest
 * settings that accept it, its roles enforced by {@code @RolesAllowed} and its scopes by
 * {@code @RequireScopes}, and a token of the same provider for another audience or client
 * refused. The README's table "Identity providers" is this test in words. The shapes follow:
 * <ul>
 *   <li>Entra ID — "Access token claims reference" for the header ({@code x5t} in v1.0 only)
 *       and the claims,
 *       https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference;
 *       "Access tokens in the Microsoft identity platform" for the 60 to 90 minute default
 *       lifetime, the v1.0 and v2.0 issuers and the key set ({@code x5t}, {@code x5c},
 *       {@code issuer}, no {@code alg}),
 *       https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens;
 *   <li>Auth0 — "Access Token Profiles" (the default profile and RFC 9068's),
 *       https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles; "Update Access
 *       Token Lifetime" (86400 s by default),
 *       https://auth0.com/docs/secure/tokens/access-tokens/update-access-token-lifetime; "Create
 *       Custom Claims", https://auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims;
 *       "JSON Web Key Set Properties",
 *       https://auth0.com/docs/secure/tokens/json-web-tokens/json-web-key-set-properties;
 *   <li>Okta — the access token of "OpenID Connect &amp; OAuth 2.0 API" ({@code ver},
 *       {@code jti}, {@code cid}, {@code uid}, {@code scp} an array, a header without
 *       {@code typ}), https://developer.okta.com/docs/reference/api/oidc/#access-token;
 *       "Customize tokens returned from Okta with a groups claim",
 *       https://developer.okta.com/docs/guides/customize-tokens-groups-claim/; one hour by
 *       default, https://support.okta.com/help/s/article/What-is-the-lifetime-of-the-JWT-tokens;
 *   <li>Amazon Cognito — "Understanding the access token" (header {@code kid} and {@code alg}
 *       only; no {@code aud} but {@code client_id}; {@code token_use}; {@code cognito:groups};
 *       {@code origin_jti}), https://docs.aws.amazon.com/cognito/latest/developerguide/
 *       amazon-cognito-user-pools-using-the-access-token.html;
 *   <li>Google — ID tokens as "OpenID Connect" describes them,
 *       https://developers.google.com/identity/openid-connect/openid-connect, and its reference,
 *       https://developers.google.com/identity/openid-connect/reference. Google's access tokens
 *       for its own APIs are opaque strings checked at its {@code tokeninfo} endpoint, not JWTs:
 *       there is no Google access token to verify here, only ID tokens — refused when they come
 *       from a sign-in, accepted when a service account mints one for this service ("Authenticating
 *       service-to-service", https://cloud.google.com/run/docs/authenticating/service-to-service).
 * </ul>
 */
class IdentityProviderTokensTest {

  private static final String AUTH0_HOST = "notes-example.eu.auth0.com";

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse.jwt");

  private EmbeddedServer server;

  /** One endpoint per provider's way of naming a scope. */
  @Path("/scoped")
  public static class Scoped {
    @GET
    @Path("/entra")
    @RequireScopes("Notes.Read")
    public String entra() {
      return "entra";
    }

    @GET
    @Path("/auth0")
    @RequireScopes("read:notes")
    public String auth0() {
      return "auth0";
    }

    @GET
    @Path("/okta")
    @RequireScopes("notes:read")
    public String okta() {
      return "okta";
    }

    @GET
    @Path("/cognito")
    @RequireScopes("notes-api/notes.read")
    public String cognito() {
      return "cognito";
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** A verify-only service: the provider's issuer and JWKS, this API's audience, RS256. */
  private static EmbeddedServer.Builder service(String issuer, String audience, String jwks) {
    return EmbeddedServer.builder()
        .register(GatehouseJwtFeature.class, TestResources.Me.class, TestResources.Admin.class,
            Scoped.class)
        .property("gatehouse.jwt.issuer", issuer)
        .property("gatehouse.jwt.audience", audience)
        .property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", jwks);
  }

  private void start(EmbeddedServer.Builder builder) {
    if (server != null) {
      server.stop();
    }
    server = builder.build().start();
    assertThat(log.messages()).as("every key the provider publishes is usable")
        .noneMatch(m -> m.startsWith("Gatehouse JWT skips"));
  }

  private Instant now() {
    return server.cdi().select(MutableClock.class).get().instant();
  }

  private Response get(String path, Forge token) {
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token.sign()).get(path);
  }

  private int status(String path, Forge token) {
    return get(path, token).statusCode();
  }

  /** The token is refused with a 401; the reason its security event records. */
  private String refusal(Forge token) {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    assertThat(status("/me", token)).isEqualTo(401);
    return events.all().stream().filter(e -> e.type() == SecurityEventType.AUTHENTICATION_FAILED)
        .map(SecurityEvent::reason).findFirst().orElseThrow();
  }

  /** 403 naming the scope the token lacks (RFC 6750 §3.1). */
  private void lacksScope(String path, Forge token, String scope) {
    Response r = get(path, token);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.header("WWW-Authenticate"))
        .isEqualTo("Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
  }

  /** The one hint logged for refusals of this reason, naming the settings that change it. */
  private String hint(String reason) {
    List<String> hints = log.messages().stream()
        .filter(m -> m.startsWith("Gatehouse JWT refused a token (" + reason + ")")).toList();
    assertThat(hints).hasSize(1);
    return hints.get(0);
  }

  private static Forge lives(Forge token, long seconds) {
    long iat = ((Number) token.claims().get("iat")).longValue();
    return token.claim("exp", iat + seconds);
  }

  @Test
  void entraIdV1TokensPassOnceJtiIsOptionalAndMaxTokenAgeCoversNinetyMinutes() {
    ProviderKey key = ProviderKey.generate("accounts.accesscontrol.windows.net", null);
    ProviderKey other = ProviderKey.generate("accounts.accesscontrol.windows.net", null);
    String jwks = ProviderFixtures.entraJwks(key, other);
    start(service(ENTRA_V1_ISSUER, ENTRA_APP_ID_URI, jwks));
    assertThat(refusal(ProviderFixtures.entraV1(key, now()))).as("uti, not jti")
        .isEqualTo("missing_jti");
    start(service(ENTRA_V1_ISSUER, ENTRA_APP_ID_URI, jwks)
        .property("gatehouse.jwt.require-jti", "false"));
    assertThat(refusal(ProviderFixtures.entraV1(key, now()))).isEqualTo("lifetime_too_long");
    assertThat(hint("lifetime_too_long")).contains("it lives 4500 s")
        .contains("Entra ID: a token lifetime policy's AccessTokenLifetime");

    start(service(ENTRA_V1_ISSUER, ENTRA_APP_ID_URI, jwks)
        .property("gatehouse.jwt.require-jti", "false")
        .property("gatehouse.jwt.max-token-age", "PT90M")
        .property("gatehouse.jwt.roles-claims", "roles"));
    assertThat(status("/admin", ProviderFixtures.entraV1(key, now()))).isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.entraV1(other, now()))).as("the other key")
        .isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.entraV1(key, now())
        .claim("roles", List.of("Notes.Reader")))).isEqualTo(403);
    assertThat(status("/scoped/entra", ProviderFixtures.entraV1(key, now()))).isEqualTo(200);
    lacksScope("/scoped/entra", ProviderFixtures.entraV1(key, now()).claim("scp", "Notes.Write"),
        "Notes.Read");
    assertThat(status("/me", lives(ProviderFixtures.entraV1(key, now()), 90 * 60)))
        .as("the longest default lifetime").isEqualTo(200);
    assertThat(refusal(lives(ProviderFixtures.entraV1(key, now()), 90 * 60 + 1)))
        .isEqualTo("lifetime_too_long");

    start(service(ENTRA_V1_ISSUER, ENTRA_APP_ID_URI, jwks)
        .property("gatehouse.jwt.require-jti", "false")
        .property("gatehouse.jwt.max-token-age", "PT90M")
        .property("gatehouse.jwt.authorized-parties", ProviderFixtures.ENTRA_CLIENT_APP));
    assertThat(status("/me", ProviderFixtures.entraV1(key, now()))).as("the client in appid")
        .isEqualTo(200);
    assertThat(refusal(ProviderFixtures.entraV1(key, now()).claim("appid",
        "0b2d6c4e-1111-4a5b-9c8d-7e6f5a4b3c2d"))).as("another client")
        .isEqualTo("unauthorized_party");
    assertThat(refusal(ProviderFixtures.entraV1(key, now()).claim("aud", "api://other-api")))
        .isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.entraV1(key, now()).claim("iss",
        "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/")))
        .as("another tenant").isEqualTo("wrong_issuer");
  }

  @Test
  void entraIdV2TokensNameTheApiByItsClientIdAndTheCallerInAzp() {
    ProviderKey key = ProviderKey.generate("accounts.accesscontrol.windows.net", null);
    String jwks = ProviderFixtures.entraJwks(key, ProviderKey.generate("other", null));
    start(service(ENTRA_V2_ISSUER, ENTRA_API_CLIENT_ID, jwks));
    assertThat(refusal(ProviderFixtures.entraV2(key, now()))).isEqualTo("missing_jti");

    start(service(ENTRA_V2_ISSUER, ENTRA_API_CLIENT_ID, jwks)
        .property("gatehouse.jwt.require-jti", "false")
        .property("gatehouse.jwt.max-token-age", "PT90M")
        .property("gatehouse.jwt.roles-claims", "roles")
        .property("gatehouse.jwt.authorized-parties", ENTRA_CLIENT_APP));
    assertThat(status("/admin", ProviderFixtures.entraV2(key, now()))).isEqualTo(200);
    assertThat(status("/scoped/entra", ProviderFixtures.entraV2(key, now()))).isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.entraV2(key, now()).claim("roles", List.of())))
        .isEqualTo(403);

    assertThat(refusal(ProviderFixtures.entraV2(key, now())
        .claim("azp", "0b2d6c4e-1111-4a5b-9c8d-7e6f5a4b3c2d"))).as("another client")
        .isEqualTo("unauthorized_party");
    assertThat(refusal(ProviderFixtures.entraV2(key, now())
        .claim("aud", "00000003-0000-0000-c000-000000000000"))).as("Microsoft Graph's")
        .isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.entraV1(key, now()).claim("aud", ENTRA_API_CLIENT_ID)))
        .as("a v1.0 token: accessTokenAcceptedVersion not 2").isEqualTo("wrong_issuer");
  }

  @Test
  void auth0TokensOfTheDefaultProfileNeedJtiOptionalAndADayOfMaxTokenAge() {
    ProviderKey key = ProviderKey.generate(AUTH0_HOST, "Qk2Rj4Fz7pLm1XwN9cVb3TyU");
    ProviderKey next = ProviderKey.generate(AUTH0_HOST, "Zx8Cv6Bn5Mq1Wr3Et7Yu0Io2");
    String jwks = ProviderFixtures.auth0Jwks(key, next);
    start(service(AUTH0_ISSUER, AUTH0_API, jwks));
    assertThat(refusal(ProviderFixtures.auth0(key, now()))).isEqualTo("missing_jti");
    assertThat(hint("missing_jti")).contains("Auth0's RFC 9068 profile has one");
    start(service(AUTH0_ISSUER, AUTH0_API, jwks).property("gatehouse.jwt.require-jti", "false"));
    assertThat(refusal(ProviderFixtures.auth0(key, now()))).isEqualTo("lifetime_too_long");
    assertThat(hint("lifetime_too_long")).contains("it lives 86400 s")
        .contains("Auth0: APIs > the API > Token Expiration");

    start(service(AUTH0_ISSUER, AUTH0_API, jwks)
        .property("gatehouse.jwt.require-jti", "false")
        .property("gatehouse.jwt.max-token-age", "P1D")
        .property("gatehouse.jwt.roles-claims", "\"" + AUTH0_ROLES_CLAIM + "\"")
        .property("gatehouse.jwt.authorized-parties", AUTH0_CLIENT));
    assertThat(log.messages()).anyMatch(m -> m.startsWith("Gatehouse JWT accepts tokens living up"
        + " to PT24H (gatehouse.jwt.max-token-age)"));
    assertThat(status("/admin", ProviderFixtures.auth0(key, now()))).isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.auth0(next, now()))).as("the next key")
        .isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.auth0(key, now()).without(AUTH0_ROLES_CLAIM)))
        .isEqualTo(403);
    assertThat(status("/scoped/auth0", ProviderFixtures.auth0(key, now()))).isEqualTo(200);
    lacksScope("/scoped/auth0", ProviderFixtures.auth0(key, now()).claim("scope",
        "openid profile"), "read:notes");

    assertThat(refusal(ProviderFixtures.auth0(key, now()).claim("aud",
        List.of("https://billing.example.com/api", AUTH0_ISSUER + "userinfo"))))
        .isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.auth0(key, now()).claim("azp", "Other3Client4Id")))
        .isEqualTo("unauthorized_party");
  }

  @Test
  void auth0TokensOfTheRfc9068ProfileWithAShortExpirationNeedOnlyTheirRolesClaim() {
    ProviderKey key = ProviderKey.generate(AUTH0_HOST, "Qk2Rj4Fz7pLm1XwN9cVb3TyU");
    String jwks = ProviderFixtures.auth0Jwks(key);
    start(service(AUTH0_ISSUER, AUTH0_API, jwks)
        .property("gatehouse.jwt.roles-claims", "\"" + AUTH0_ROLES_CLAIM + "\"")
        .property("gatehouse.jwt.token-types", "at+jwt"));
    assertThat(status("/admin", ProviderFixtures.auth0Rfc9068(key, now()))).isEqualTo(200);
    assertThat(status("/scoped/auth0", ProviderFixtures.auth0Rfc9068(key, now())))
        .isEqualTo(200);
    assertThat(refusal(ProviderFixtures.auth0Rfc9068(key, now()).claim("aud",
        List.of("https://billing.example.com/api")))).isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.auth0(key, now()).claim("jti", "x1")))
        .as("a token of the default profile").isEqualTo("wrong_type");
  }

  @Test
  void oktaTokensNeedOnlyMaxTokenAgeOfAnHourAndTheirGroupsAreRoles() {
    ProviderKey key = ProviderKey.generate("notes-example.okta.com",
        "ZkvelLN_seik7w4pc_prCcfUf-h2hFfiwkDeCrs0iUc");
    ProviderKey next = ProviderKey.generate("notes-example.okta.com",
        "fAomAvsWyAWDlnBuJbHoqqCRcRdmsg4vri0OICxbIgs");
    String jwks = ProviderFixtures.oktaJwks(key, next);
    start(service(OKTA_ISSUER, OKTA_AUDIENCE, jwks));
    assertThat(refusal(ProviderFixtures.okta(key, now()))).isEqualTo("lifetime_too_long");
    assertThat(hint("lifetime_too_long")).contains("it lives 3600 s")
        .contains("Okta: the authorization server's access policy rule");

    start(service(OKTA_ISSUER, OKTA_AUDIENCE, jwks)
        .property("gatehouse.jwt.max-token-age", "PT1H"));
    assertThat(status("/admin", ProviderFixtures.okta(key, now()))).as("groups, the default")
        .isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.okta(next, now()))).isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.okta(key, now())
        .claim("groups", List.of("Everyone")))).isEqualTo(403);
    assertThat(status("/scoped/okta", ProviderFixtures.okta(key, now()))).as("scp, an array")
        .isEqualTo(200);
    lacksScope("/scoped/okta", ProviderFixtures.okta(key, now()).claim("scp",
        List.of("openid")), "notes:read");

    start(service(OKTA_ISSUER, OKTA_AUDIENCE, jwks).property("gatehouse.jwt.max-token-age", "PT1H")
        .property("gatehouse.jwt.authorized-parties", ProviderFixtures.OKTA_CLIENT));
    assertThat(status("/me", ProviderFixtures.okta(key, now()))).as("the client in cid")
        .isEqualTo(200);
    assertThat(refusal(ProviderFixtures.okta(key, now()).claim("cid", "0oaOTHEREXAMPLE")))
        .as("another client").isEqualTo("unauthorized_party");
    assertThat(refusal(ProviderFixtures.okta(key, now()).claim("aud", "api://billing")))
        .isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.okta(key, now()).claim("iss",
        "https://notes-example.okta.com/oauth2/aus9s8abcdEXAMPLE357")))
        .as("another authorization server of the same org").isEqualTo("wrong_issuer");
  }

  @Test
  void cognitoAccessTokensAreCheckedForTheirClientIdAndItsIdTokensAreRefused() {
    // Cognito's kids are standard base64, with + / and =
    ProviderKey idKey = ProviderKey.generate("cognito-idp",
        "bL4m8QzR2xT6+vN1wK9pJ3sD7/fH5gY0aCeU2iO4rE8=");
    ProviderKey accessKey = ProviderKey.generate("cognito-idp",
        "4QhjCE6b2n5kX+Dmq0MN4/aTz8WuL1vJ3pR7sY9fG2o=");
    String jwks = ProviderFixtures.cognitoJwks(idKey, accessKey);
    start(service(COGNITO_ISSUER, COGNITO_CLIENT, jwks));
    assertThat(refusal(ProviderFixtures.cognitoAccess(accessKey, now())))
        .isEqualTo("missing_audience");
    assertThat(hint("missing_audience")).contains("set gatehouse.jwt.audience-claim=client_id");
    start(service(COGNITO_ISSUER, COGNITO_CLIENT, jwks)
        .property("gatehouse.jwt.audience-claim", "client_id"));
    assertThat(refusal(ProviderFixtures.cognitoAccess(accessKey, now())))
        .isEqualTo("lifetime_too_long");
    assertThat(hint("lifetime_too_long")).contains("it lives 3600 s")
        .contains("Amazon Cognito: the app client's access token expiration");

    start(service(COGNITO_ISSUER, COGNITO_CLIENT, jwks)
        .property("gatehouse.jwt.audience-claim", "client_id")
        .property("gatehouse.jwt.max-token-age", "PT1H")
        .property("gatehouse.jwt.roles-claims", "cognito:groups"));
    assertThat(status("/admin", ProviderFixtures.cognitoAccess(accessKey, now())))
        .isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.cognitoAccess(accessKey, now())
        .claim("cognito:groups", List.of("readers")))).isEqualTo(403);
    assertThat(status("/scoped/cognito", ProviderFixtures.cognitoAccess(accessKey, now())))
        .isEqualTo(200);
    lacksScope("/scoped/cognito", ProviderFixtures.cognitoAccess(accessKey, now())
        .claim("scope", "aws.cognito.signin.user.admin"), "notes-api/notes.read");

    assertThat(refusal(ProviderFixtures.cognitoAccess(accessKey, now())
        .claim("client_id", "1example23456789abcdefghij"))).as("another app client")
        .isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.cognitoId(idKey, now()))).as("the ID token")
        .isEqualTo("missing_audience");
    start(service(COGNITO_ISSUER, COGNITO_CLIENT, jwks)
        .property("gatehouse.jwt.max-token-age", "PT1H"));
    assertThat(refusal(ProviderFixtures.cognitoId(idKey, now())))
        .as("the ID token where aud is read, and names the app client")
        .isEqualTo("not_an_access_token");
  }

  @Test
  void googleSignInIdTokensAreNeverAcceptedAsAccessTokens() {
    ProviderKey key = ProviderKey.generate("accounts.google.com",
        "a3b762f871cdb3bae0044c649622fc1396eda3e3");
    String jwks = ProviderFixtures.googleJwks(key,
        ProviderKey.generate("accounts.google.com", "c8ab71530972bba20b49f78a09c9852c43ff9118"));
    start(service(GOOGLE_ISSUER, "notes-api", jwks));
    assertThat(refusal(ProviderFixtures.googleSignIn(key, now()))).as("aud is the web client")
        .isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.googleCredential(key, now())))
        .isEqualTo("wrong_audience");

    assertThat(service(GOOGLE_ISSUER, GOOGLE_WEB_CLIENT, jwks)
        .property("gatehouse.jwt.max-token-age", "PT1H").build()
        .refusal(GatehouseConfigException.class).problems()).singleElement().asString()
        .startsWith("gatehouse.jwt.audience: \"" + GOOGLE_WEB_CLIENT + "\" is a Google OAuth"
            + " client id");
  }

  @Test
  void googleIdTokensAServiceAccountMintsForThisServicePassWithoutRolesOrScopes() {
    ProviderKey key = ProviderKey.generate("accounts.google.com",
        "a3b762f871cdb3bae0044c649622fc1396eda3e3");
    String jwks = ProviderFixtures.googleJwks(key,
        ProviderKey.generate("accounts.google.com", "c8ab71530972bba20b49f78a09c9852c43ff9118"));
    start(service(GOOGLE_ISSUER, GOOGLE_RUN_SERVICE, jwks));
    assertThat(refusal(ProviderFixtures.googleServiceToService(key, now())))
        .isEqualTo("missing_jti");

    start(service(GOOGLE_ISSUER, GOOGLE_RUN_SERVICE, jwks)
        .property("gatehouse.jwt.require-jti", "false")
        .property("gatehouse.jwt.max-token-age", "PT1H")
        .property("gatehouse.jwt.authorized-parties", GOOGLE_CALLER));
    assertThat(status("/me", ProviderFixtures.googleServiceToService(key, now())))
        .isEqualTo(200);
    assertThat(status("/admin", ProviderFixtures.googleServiceToService(key, now())))
        .as("no roles in a Google ID token").isEqualTo(403);
    lacksScope("/scoped/okta", ProviderFixtures.googleServiceToService(key, now()),
        "notes:read");

    assertThat(refusal(ProviderFixtures.googleServiceToService(key, now())
        .claim("aud", "https://billing-4f2kq7xdna-ew.a.run.app"))).isEqualTo("wrong_audience");
    assertThat(refusal(ProviderFixtures.googleServiceToService(key, now())
        .claim("azp", "998877665544332211000"))).as("another service account")
        .isEqualTo("unauthorized_party");
    assertThat(refusal(ProviderFixtures.googleSignIn(key, now()).claim("aud", GOOGLE_RUN_SERVICE)
        .claim("azp", GOOGLE_CALLER))).as("a sign-in ID token, even naming this service")
        .isEqualTo("not_an_access_token");
  }
}
