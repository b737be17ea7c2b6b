package dev.gatehouse.jwt.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;

/**
 * Access tokens and key sets shaped as identity providers document them — header members, claim
 * names and types, which claims are absent, key metadata — signed with keys the test generated.
 * Each token is as the provider issues it by default, at {@code now}; a test changes one member
 * to make another case. The pages each shape follows are cited on
 * {@code IdentityProviderTokensTest}. Test code only.
 *
 * <pre>{@code
 * ProviderKey key = ProviderKey.generate("login.microsoftonline.com", null);
 * server = ...property("gatehouse.jwt.verify-keys", ProviderFixtures.entraJwks(key))...;
 * String token = ProviderFixtures.entraV1(key, now).sign();
 * }</pre>
 */
public final class ProviderFixtures {

  public static final String ENTRA_TENANT = "8eaef023-2b34-4da1-9baa-8bc8c9d6a490";
  public static final String ENTRA_V1_ISSUER = "https://sts.windows.net/" + ENTRA_TENANT + "/";
  public static final String ENTRA_V2_ISSUER = "https://login.microsoftonline.com/"
      + ENTRA_TENANT + "/v2.0";
  /** The API's Application ID URI: a v1.0 token's {@code aud}. */
  public static final String ENTRA_APP_ID_URI = "api://notes-api";
  /** The API's client (application) id: a v2.0 token's {@code aud}. */
  public static final String ENTRA_API_CLIENT_ID = "6e74172b-be56-4843-9ff4-e66a39bb12e3";
  /** The client application calling the API: {@code appid} (v1.0), {@code azp} (v2.0). */
  public static final String ENTRA_CLIENT_APP = "75dbe77f-10a3-4e59-85fd-8c127544f17c";

  public static final String AUTH0_ISSUER = "https://notes-example.eu.auth0.com/";
  /** The API's identifier, the {@code audience} a client asks for. */
  public static final String AUTH0_API = "https://notes.example.com/api";
  public static final String AUTH0_CLIENT = "Yk3t9QdTz8mWm2Xv4sRb7LpQeN1cHfUa";
  /** A namespaced custom claim an Auth0 Action sets with the user's roles. */
  public static final String AUTH0_ROLES_CLAIM = "https://notes.example.com/roles";

  public static final String OKTA_ISSUER = "https://notes-example.okta.com/oauth2/default";
  /** The default custom authorization server's audience. */
  public static final String OKTA_AUDIENCE = "api://default";
  public static final String OKTA_CLIENT = "0oa8f5j3ecb5w3dF35d7";

  public static final String COGNITO_ISSUER =
      "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Xm3Kp9Qz2";
  /** The app client: an access token's {@code client_id}, an ID token's {@code aud}. */
  public static final String COGNITO_CLIENT = "57cbishk4j24pabc1234567890";

  public static final String GOOGLE_ISSUER = "https://accounts.google.com";
  /** A web application's OAuth client id: a sign-in ID token's {@code aud} and {@code azp}. */
  public static final String GOOGLE_WEB_CLIENT =
      "1234987819200-k9u2fa7hvq1lbmrq3c5ejdu4tnp3kf1o.apps.googleusercontent.com";
  /** A Cloud Run service's URL: the {@code aud} of ID tokens minted to call it. */
  public static final String GOOGLE_RUN_SERVICE = "https://notes-api-4f2kq7xdna-ew.a.run.app";
  /** The calling service account's unique id: {@code azp} and {@code sub} of those tokens. */
  public static final String GOOGLE_CALLER = "112233445566778899001";

  private ProviderFixtures() {
  }

  /**
   * Entra ID's key set: no {@code alg}; {@code kid} and {@code x5t} both the certificate's
   * thumbprint; {@code x5c}; the {@code issuer} the key may sign for.
   */
  public static String entraJwks(ProviderKey... keys) {
    return jwks(keys, k -> ordered("kty", "RSA", "use", "sig", "kid", k.kid(), "x5t", k.x5t(),
        "n", k.n(), "e", k.e(), "x5c", List.of(k.x5c()),
        "issuer", "https://login.microsoftonline.com/{tenantid}/v2.0"));
  }

  /** Auth0's key set: {@code alg}, {@code x5c} and {@code x5t} on each key; the next key too. */
  public static String auth0Jwks(ProviderKey... keys) {
    return jwks(keys, k -> ordered("alg", "RS256", "kty", "RSA", "use", "sig", "n", k.n(),
        "e", k.e(), "kid", k.kid(), "x5t", k.x5t(), "x5c", List.of(k.x5c())));
  }

  /** Okta's key set: bare RSA keys with {@code alg} and {@code use}. */
  public static String oktaJwks(ProviderKey... keys) {
    return jwks(keys, k -> ordered("kty", "RSA", "alg", "RS256", "kid", k.kid(), "use", "sig",
        "e", k.e(), "n", k.n()));
  }

  /** A Cognito user pool's key set: one key signs ID tokens, another access tokens. */
  public static String cognitoJwks(ProviderKey... keys) {
    return jwks(keys, k -> ordered("alg", "RS256", "e", k.e(), "kid", k.kid(), "kty", "RSA",
        "n", k.n(), "use", "sig"));
  }

  /** Google's key set (its {@code jwks_uri}, {@code oauth2/v3/certs}). */
  public static String googleJwks(ProviderKey... keys) {
    return jwks(keys, k -> ordered("e", k.e(), "kty", "RSA", "n", k.n(), "use", "sig",
        "alg", "RS256", "kid", k.kid()));
  }

  /**
   * An Entra ID v1.0 access token for a user: header {@code x5t} beside {@code kid}; no
   * {@code jti} ({@code uti} instead); {@code appid}; {@code scp} a space-separated string;
   * app roles in {@code roles}; 75 minutes, the middle of the default 60 to 90.
   */
  public static Forge entraV1(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "typ", "JWT", "alg", "RS256", "x5t", key.kid(), "kid", key.kid())
        .claim("aud", ENTRA_APP_ID_URI).claim("iss", ENTRA_V1_ISSUER).claim("iat", iat)
        .claim("nbf", iat).claim("exp", iat + 75 * 60).claim("acr", "1")
        .claim("aio", "AXQAi/8IAAAAFm+E/QTG+gFnVxLjWdw8K+61AGrSOuMMF6ebaMj7XO3IbmD3fGmrOyD")
        .claim("amr", List.of("pwd")).claim("appid", ENTRA_CLIENT_APP).claim("appidacr", "0")
        .claim("family_name", "Lincoln").claim("given_name", "Abe").claim("ipaddr", "192.0.2.7")
        .claim("name", "abeli").claim("oid", "02223b6b-aa1d-42d4-9ec0-1b2bb9194438")
        .claim("rh", "I").claim("roles", List.of("admin")).claim("scp", "Notes.Read Notes.Write")
        .claim("sub", "l3_roISQU222bULS9yi2k0XpqpOiMz5H3ZACo1GeXA").claim("tid", ENTRA_TENANT)
        .claim("unique_name", "abeli@example.com").claim("uti", "FVsGxYXI30-TuikuuUoFAA")
        .claim("ver", "1.0");
  }

  /**
   * An Entra ID v2.0 access token: no {@code x5t}; {@code aud} the API's client id; the caller in
   * {@code azp}; no {@code jti}; 75 minutes.
   */
  public static Forge entraV2(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "typ", "JWT", "alg", "RS256", "kid", key.kid())
        .claim("aud", ENTRA_API_CLIENT_ID).claim("iss", ENTRA_V2_ISSUER).claim("iat", iat)
        .claim("nbf", iat).claim("exp", iat + 75 * 60)
        .claim("aio", "AXQAi/8IAAAAtAaZLo3ChMif6KOnttRB7eBq4/DccQzjcJGxPYy/C3jDaNGxXd6wNIIV")
        .claim("azp", ENTRA_CLIENT_APP).claim("azpacr", "0").claim("name", "Abe Lincoln")
        .claim("oid", "690222be-ff1a-4d56-abd1-7e4f7d38e474")
        .claim("preferred_username", "abeli@example.com").claim("rh", "I")
        .claim("roles", List.of("admin")).claim("scp", "Notes.Read")
        .claim("sub", "HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ").claim("tid", ENTRA_TENANT)
        .claim("uti", "fqiBqXLPj0eQa82S-IYFAA").claim("ver", "2.0");
  }

  /**
   * An Auth0 access token of the default ("Auth0") profile: {@code aud} an array of the API and
   * the userinfo URL; {@code azp}; {@code scope}; no {@code jti}; roles in a namespaced claim an
   * Action adds; 86400 s, the default Token Expiration.
   */
  public static Forge auth0(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "alg", "RS256", "typ", "JWT", "kid", key.kid())
        .claim("iss", AUTH0_ISSUER).claim("sub", "auth0|64b7f3e2c1a9d0e5f6a7b8c9")
        .claim("aud", List.of(AUTH0_API, AUTH0_ISSUER + "userinfo")).claim("iat", iat)
        .claim("exp", iat + 86400).claim("scope", "openid profile read:notes")
        .claim("azp", AUTH0_CLIENT).claim(AUTH0_ROLES_CLAIM, List.of("admin"));
  }

  /**
   * The same API's token once its profile is set to RFC 9068 and its Token Expiration to 900 s:
   * header {@code typ: at+jwt}; {@code client_id} instead of {@code azp}; a {@code jti}.
   */
  public static Forge auth0Rfc9068(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "alg", "RS256", "typ", "at+jwt", "kid", key.kid())
        .claim("iss", AUTH0_ISSUER).claim("sub", "auth0|64b7f3e2c1a9d0e5f6a7b8c9")
        .claim("aud", List.of(AUTH0_API, AUTH0_ISSUER + "userinfo"))
        .claim("client_id", AUTH0_CLIENT).claim("exp", iat + 900).claim("iat", iat)
        .claim("jti", "73WakrfVbNJBaAmhQtEeDv").claim("scope", "openid profile read:notes")
        .claim(AUTH0_ROLES_CLAIM, List.of("admin"));
  }

  /**
   * An access token of an Okta custom authorization server ({@code default}): no header
   * {@code typ}; {@code ver} the number 1; {@code jti} {@code AT.…}; the client in {@code cid},
   * the user's Okta id in {@code uid}; {@code scp} an array; a {@code groups} claim the
   * authorization server adds; one hour, the default access policy rule's lifetime.
   */
  public static Forge okta(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "kid", key.kid(), "alg", "RS256")
        .claim("ver", 1).claim("jti", "AT.MNAoEQ_jbKqoinrQo1D0XKjMX28U5d7ZszBceot7-Ts")
        .claim("iss", OKTA_ISSUER).claim("aud", OKTA_AUDIENCE).claim("iat", iat)
        .claim("exp", iat + 3600).claim("cid", OKTA_CLIENT).claim("uid", "00u1f2g3h4EXAMPLE5d7")
        .claim("scp", List.of("openid", "notes:read")).claim("auth_time", iat - 60)
        .claim("sub", "alice@example.com").claim("groups", List.of("Everyone", "admin"));
  }

  /**
   * A Cognito user pool access token: no header {@code typ}; no {@code aud} — the app client in
   * {@code client_id}; {@code token_use} {@code access}; groups in {@code cognito:groups}; a
   * custom scope {@code resource-server/scope}; {@code jti} and {@code origin_jti}; one hour, the
   * app client's default.
   */
  public static Forge cognitoAccess(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "kid", key.kid(), "alg", "RS256")
        .claim("sub", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        .claim("device_key", "eu-west-1_aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        .claim("cognito:groups", List.of("admin")).claim("token_use", "access")
        .claim("scope", "notes-api/notes.read aws.cognito.signin.user.admin")
        .claim("auth_time", iat).claim("iss", COGNITO_ISSUER).claim("exp", iat + 3600)
        .claim("iat", iat).claim("origin_jti", UUID.randomUUID().toString())
        .claim("jti", UUID.randomUUID().toString()).claim("client_id", COGNITO_CLIENT)
        .claim("username", "janedoe@example.com");
  }

  /** The same sign-in's ID token: {@code aud} the app client, {@code token_use} {@code id}. */
  public static Forge cognitoId(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "kid", key.kid(), "alg", "RS256")
        .claim("at_hash", "4u9KxnQFUbN5BdjpLwPJPA").claim("sub",
            "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee").claim("cognito:groups", List.of("admin"))
        .claim("email_verified", true).claim("iss", COGNITO_ISSUER)
        .claim("cognito:username", "janedoe").claim("origin_jti", UUID.randomUUID().toString())
        .claim("aud", COGNITO_CLIENT).claim("token_use", "id").claim("auth_time", iat)
        .claim("exp", iat + 3600).claim("iat", iat).claim("jti", UUID.randomUUID().toString())
        .claim("email", "janedoe@example.com");
  }

  /**
   * A Google ID token from a web sign-in (authorization code flow): {@code aud} and {@code azp}
   * the web client; {@code at_hash}; {@code nonce}; no {@code jti}; one hour.
   */
  public static Forge googleSignIn(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "alg", "RS256", "kid", key.kid(), "typ", "JWT")
        .claim("iss", GOOGLE_ISSUER).claim("azp", GOOGLE_WEB_CLIENT)
        .claim("aud", GOOGLE_WEB_CLIENT).claim("sub", "10769150350006150715113082367")
        .claim("at_hash", "HK6E_P6Dh8Y93mRNtsDB1Q").claim("hd", "example.com")
        .claim("email", "jsmith@example.com").claim("email_verified", true).claim("iat", iat)
        .claim("exp", iat + 3600).claim("nonce", "0394852-3190485-2490358");
  }

  /**
   * A "Sign in with Google" credential (Google Identity Services): no {@code at_hash} or
   * {@code nonce}, but {@code nbf} and a {@code jti}; one hour.
   */
  public static Forge googleCredential(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "alg", "RS256", "kid", key.kid(), "typ", "JWT")
        .claim("iss", GOOGLE_ISSUER).claim("nbf", iat - 10).claim("aud", GOOGLE_WEB_CLIENT)
        .claim("sub", "3141592653589793238").claim("hd", "example.com")
        .claim("email", "elisa@example.com").claim("email_verified", true)
        .claim("azp", GOOGLE_WEB_CLIENT).claim("name", "Elisa Beckett").claim("iat", iat)
        .claim("exp", iat + 3600).claim("jti", "abc161803398874def");
  }

  /**
   * A Google-signed ID token a service account mints to call a Cloud Run service: {@code aud}
   * the service's URL; {@code azp} and {@code sub} the caller; no roles, scopes or {@code jti};
   * one hour.
   */
  public static Forge googleServiceToService(ProviderKey key, Instant now) {
    long iat = now.getEpochSecond();
    return header(key, "alg", "RS256", "kid", key.kid(), "typ", "JWT")
        .claim("aud", GOOGLE_RUN_SERVICE).claim("azp", GOOGLE_CALLER)
        .claim("email", "notes-caller@notes-project.iam.gserviceaccount.com")
        .claim("email_verified", true).claim("exp", iat + 3600).claim("iat", iat)
        .claim("iss", GOOGLE_ISSUER).claim("sub", GOOGLE_CALLER);
  }

  /** A token with these header members, in this order, signed by {@code key}. */
  private static Forge header(ProviderKey key, String... members) {
    Forge f = Forge.empty().key(key.privateKey());
    for (int i = 0; i < members.length; i += 2) {
      f.header(members[i], members[i + 1]);
    }
    return f;
  }

  private static Map<String, Object> ordered(Object... members) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < members.length; i += 2) {
      map.put((String) members[i], members[i + 1]);
    }
    return map;
  }

  private static String jwks(ProviderKey[] keys,
      java.util.function.Function<ProviderKey, Map<String, Object>> shape) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ProviderKey k : keys) {
      out.add(shape.apply(k));
    }
    return JsonUtil.toJson(Map.of("keys", out));
  }
}
