package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.TokenClaims;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's side of a generic 401: the first time tokens are refused for a reason an
 * identity provider's default tokens run into, one WARNING says which setting — at the provider
 * or here — changes it. The caller still gets the same 401 whatever failed; each reason is logged
 * once per verifier, so a flood of such tokens logs one line, and nothing of the token itself.
 */
final class RefusalHints {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.jwt");

  private final JwtSettings settings;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  RefusalHints(JwtSettings settings) {
    this.settings = settings;
  }

  /** Logs the hint for {@code reason}, if it has one and it was not logged yet. */
  void refused(String reason, String detail) {
    String hint = hint(reason, detail);
    if (hint != null && logged.add(reason)) {
      LOG.log(System.Logger.Level.WARNING, "Gatehouse JWT refused a token (" + reason + "): "
          + hint + ". Logged once; later refusals of this kind are security events only.");
    }
  }

  private String hint(String reason, String detail) {
    String audience = settings.audience();
    return switch (reason) {
      case "missing_audience" -> "it has no " + settings.claims().audienceClaim() + " claim."
          + " Keycloak adds aud with an Audience mapper (Clients > the client > Client scopes >"
          + " its dedicated scope > Add mapper > By configuration > Audience, Included Custom"
          + " Audience " + audience + "); Amazon Cognito access tokens name the app client in"
          + " client_id instead: set " + TokenClaims.AUDIENCE_CLAIM + "=client_id";
      case "wrong_audience" -> "its " + settings.claims().audienceClaim() + " does not name "
          + audience + " (" + JwtSettings.AUDIENCE + "): a token for another API or client. To"
          + " accept such tokens the provider must issue them for " + audience + " (Entra ID:"
          + " the API's Application ID URI or client id; Auth0: the API's identifier)";
      case "missing_jti" -> "it has no jti (Entra ID issues uti instead; Keycloak's lightweight"
          + " access tokens and Auth0's default token profile omit it, Auth0's RFC 9068 profile"
          + " has one: APIs > the API > JSON Web Token (JWT) Profile). Set "
          + TokenClaims.REQUIRE_JTI + "=false to accept such tokens; a single token then cannot"
          + " be deny-listed, only its session or its expiry ends it";
      case "lifetime_too_long" -> "it lives " + detail + " s (exp - iat), longer than "
          + JwtSettings.MAX_TOKEN_AGE + " (" + settings.maxTokenAge() + "). Shorten access"
          + " tokens at the provider (Keycloak: Realm settings > Tokens > Access Token Lifespan;"
          + " Entra ID: a token lifetime policy's AccessTokenLifetime; Auth0: APIs > the API >"
          + " Token Expiration; Okta: the authorization server's access policy rule; Amazon"
          + " Cognito: the app client's access token expiration), or, when this service only"
          + " verifies that issuer's tokens, raise " + JwtSettings.MAX_TOKEN_AGE + " (at most"
          + " P1D)";
      case "wrong_type" -> "its header typ is \"" + detail + "\", not one of "
          + TokenClaims.TOKEN_TYPES + " " + settings.claims().tokenTypes();
      case "not_an_access_token" -> "it has " + detail + ", which marks an ID or refresh"
          + " token presented as an access token. Send the access token";
      case "unauthorized_party" -> "the client it names (azp, client_id, appid or cid) is not one of " + TokenClaims.AUTHORIZED_PARTIES
          + " " + settings.claims().authorizedParties() + ": a token issued to another client";
      default -> null;
    };
  }
}
