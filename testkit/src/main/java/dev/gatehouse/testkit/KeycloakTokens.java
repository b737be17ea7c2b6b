package dev.gatehouse.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * A token endpoint's answer (RFC 6749 §5.1): the access token, and the refresh and ID tokens
 * when Keycloak issued them ({@code null} otherwise: a client-credentials grant has no refresh
 * token, and an ID token comes only with the {@code openid} scope). {@link #toString()} shows
 * the claims' names, never a token.
 *
 * <pre>{@code
 * KeycloakTokens tokens = keycloak.passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, ALICE,
 *     ALICE_PASSWORD, SCOPE_READ);
 * given().auth().oauth2(tokens.accessToken()).get("/notes").then().statusCode(200);
 * Object roles = tokens.accessTokenClaims().get("realm_access");
 * }</pre>
 */
public final class KeycloakTokens {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

  private final String accessToken;
  private final String refreshToken;
  private final String idToken;
  private final String scope;
  private final long expiresIn;

  private KeycloakTokens(String accessToken, String refreshToken, String idToken, String scope,
      long expiresIn) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.idToken = idToken;
    this.scope = scope;
    this.expiresIn = expiresIn;
  }

  static KeycloakTokens from(JsonNode answer) {
    return new KeycloakTokens(answer.path("access_token").asText(),
        text(answer, "refresh_token"), text(answer, "id_token"), text(answer, "scope"),
        answer.path("expires_in").asLong());
  }

  private static String text(JsonNode answer, String field) {
    return answer.hasNonNull(field) ? answer.get(field).asText() : null;
  }

  public String accessToken() {
    return accessToken;
  }

  /** The refresh token, or {@code null} when the grant issued none (client credentials). */
  public String refreshToken() {
    return refreshToken;
  }

  /** The ID token, or {@code null} unless the {@code openid} scope was asked for. */
  public String idToken() {
    return idToken;
  }

  /** The answer's {@code scope} field: the scopes granted, space-separated. */
  public String scope() {
    return scope;
  }

  /** The answer's {@code expires_in}: the access token's lifetime in seconds. */
  public long expiresIn() {
    return expiresIn;
  }

  /** The access token's JOSE header ({@code alg}, {@code typ}, {@code kid}). */
  public Map<String, Object> accessTokenHeader() {
    return part(accessToken, 0);
  }

  /** The access token's claims, decoded without any check: for asserting their shape. */
  public Map<String, Object> accessTokenClaims() {
    return part(accessToken, 1);
  }

  /**
   * Part {@code index} (0 the header, 1 the claims) of a compact JWS, decoded as JSON without any
   * check of its signature.
   */
  public static Map<String, Object> part(String jws, int index) {
    String[] parts = jws.split("\\.");
    if (parts.length != 3 || index < 0 || index > 1) {
      throw new IllegalArgumentException("not a compact JWS, or no such part: " + index);
    }
    try {
      return KeycloakHttp.JSON.readValue(Base64.getUrlDecoder().decode(parts[index]), OBJECT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "KeycloakTokens[access token with claims " + accessTokenClaims().keySet()
        + (refreshToken == null ? "" : ", a refresh token")
        + (idToken == null ? "" : ", an ID token") + ", scope \"" + scope + "\", expires in "
        + expiresIn + " s]";
  }
}
