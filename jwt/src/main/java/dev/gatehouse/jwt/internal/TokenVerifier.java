package dev.gatehouse.jwt.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.core.spi.GatehouseCounter;
import dev.gatehouse.jwt.AccessTokenDenyList;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.TokenClaims;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies an access token, in this order, each step refusing with a reason code:
 * <ol>
 *   <li>shape: three parts in canonical base64url — only its alphabet, no padding, the unused bits
 *       of the last character zero (RFC 4648 §3.5) — checked before anything is decoded; a JSON
 *       header without duplicate members;
 *   <li>header (RFC 8725 §2.1, §3.1): {@code alg} is exactly the pinned algorithm; no
 *       {@code jwk}, {@code jku}, {@code x5u} or {@code x5c} (keys never come from a token), no
 *       {@code crit}, {@code enc} or {@code zip}; {@code kid}, if present, names a configured key
 *       (absent only when exactly one key is configured). A certificate thumbprint
 *       ({@code x5t}, {@code x5t#S256}) may stand beside it and is ignored: it carries no key,
 *       and Entra ID puts {@code x5t} in every v1.0 access token;
 *       The header {@code typ}, if present, is one {@code gatehouse.jwt.token-types} accepts;
 *   <li>signature, {@code iss}, {@code aud} (when {@code audience-claim} is {@code aud}) and
 *       presence of {@code exp}, {@code iat}, {@code sub} — by smallrye-jwt with the algorithm
 *       pinned;
 *   <li>time, on the injected clock: not expired, not issued in the future, {@code nbf} reached,
 *       lifetime {@code exp - iat} within {@code gatehouse.jwt.max-token-age}; a {@code jti}
 *       unless {@code require-jti=false}; then the audience in another claim, the client
 *       ({@code authorized-parties}) and that it is no ID or refresh token
 *       ({@link TokenClaims});
 *   <li>the deny-list: the token's {@code jti}, and its session ({@code sid}) when it has one — a
 *       {@code sid}, if present, is a string of at most 256 characters. A deny-list that cannot be
 *       read is a 503 ({@code StoreUnavailableException}), or, with
 *       {@code gatehouse.jwt.denylist.on-store-failure=allow}, lets the token through on steps 1
 *       to 4, which are not done again.
 * </ol>
 *
 * <p>The roles and scopes of a token that passed are read once, from the claims
 * {@code roles-claims} and {@code scopes-claims} name ({@link Verified}). The first refusal of
 * each kind an identity provider's tokens run into logs a hint for the operator
 * ({@link RefusalHints}); the caller's 401 is the same whatever failed.
 *
 * <p>A token that passed is kept ({@link VerifiedTokens}): the same text again skips steps 1 to 3,
 * whose outcome cannot change under the same keys and settings, and is checked again for time
 * (step 4) and against the deny-list (step 5) on every request. Each key has one parser, built
 * once with smallrye-jwt's own principal factory.
 *
 * <p>Each verification is counted as {@code gatehouse.token.verifications{outcome, cache}} in the
 * application's metrics registry, when it has one: {@code outcome} is {@code valid}, the refusal's
 * reason code, or {@code store_unavailable} (the deny-list could not be read); {@code cache} is
 * {@code hit} when the token was verified before, else {@code miss}.
 */
final class TokenVerifier {

  private static final GatehouseCounter VERIFICATIONS = GatehouseCounter.of(
      "token.verifications", "Access-token verifications, by outcome and cache use",
      "outcome", "cache");

  /**
   * Members that carry or point to a key, or change how the token is read. Not {@code x5t} or
   * {@code x5t#S256}: a thumbprint names a certificate without carrying it, the key is still the
   * one the {@code kid} names, and refusing it refused every Entra ID v1.0 access token.
   */
  private static final Set<String> FORBIDDEN_HEADERS = Set.of("jwk", "jku", "x5u", "x5c", "crit",
      "enc", "zip");
  private static final ObjectMapper HEADER_JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /**
   * Where a token names the client it was issued to, in the order read: OpenID Connect's
   * {@code azp} (Keycloak, Entra ID v2, Auth0, Google), RFC 9068's {@code client_id} (Cognito,
   * Auth0's RFC 9068 profile), Entra ID v1's {@code appid}, Okta's {@code cid}. All are the
   * issuer's statements in a signed token, so the first present is the client.
   */
  private static final List<String> PARTY_CLAIMS = List.of("azp", "client_id", "appid", "cid");

  private final JwtSettings settings;
  private final String algorithm;
  private final KeyRing keys;
  private volatile Parsers parsers;
  private final AccessTokenDenyList denyList;
  private final boolean allowOnDenyListFailure;
  private final Clock clock;
  private final VerifiedTokens verified = new VerifiedTokens(VerifiedTokens.MAX_ENTRIES);
  private final TokenClaims rules;
  private final boolean audienceInAud;
  private final List<ClaimPath> rolePaths;
  private final List<ClaimPath> scopePaths;
  private final ClaimPath audiencePath;
  private final RefusalHints hints;

  /** One parser per verification key of one state of the key ring. */
  private record Parsers(KeyRing.State state, Map<String, DefaultJWTParser> byKid,
      String onlyKid) {
  }

  TokenVerifier(JwtSettings settings, KeyRing keys, AccessTokenDenyList denyList, Clock clock) {
    this.settings = settings;
    this.algorithm = settings.algorithm().getAlgorithm();
    this.keys = keys;
    this.denyList = denyList;
    this.allowOnDenyListFailure = settings.allowOnDenyListFailure();
    this.clock = clock;
    this.rules = settings.claims();
    this.audienceInAud = rules.audienceClaim().equals(TokenClaims.DEFAULT_AUDIENCE_CLAIM);
    this.rolePaths = rules.rolesClaims().stream().map(ClaimPath::parse).toList();
    this.scopePaths = rules.scopesClaims().stream().map(ClaimPath::parse).toList();
    this.audiencePath = ClaimPath.parse("\"" + rules.audienceClaim() + "\"");
    this.hints = new RefusalHints(settings);
    this.parsers = parsersOf(keys.current());
  }

  private Parsers parsersOf(KeyRing.State state) {
    Map<String, DefaultJWTParser> byKid = new HashMap<>();
    for (Map.Entry<String, Key> e : state.verification().entrySet()) {
      // one parser per key, built once per key set, with smallrye-jwt's own factory named: no
      // service lookup per request, and no JWTCallerPrincipalFactory on the class path can
      // replace verification
      byKid.put(e.getKey(), new DefaultJWTParser(context(e.getValue()),
          new DefaultJWTCallerPrincipalFactory()));
    }
    return new Parsers(state, Map.copyOf(byKid),
        byKid.size() == 1 ? byKid.keySet().iterator().next() : null);
  }

  /** The parsers of the keys in force, rebuilt when the ring has rotated. */
  private Parsers parsers() {
    KeyRing.State now = keys.current();
    Parsers p = parsers;
    if (p.state() != now) {
      p = parsersOf(now);
      parsers = p;
    }
    return p;
  }

  private JWTAuthContextInfo context(Key key) {
    JWTAuthContextInfo info = key instanceof SecretKey secret
        ? new JWTAuthContextInfo(secret, settings.issuer())
        : new JWTAuthContextInfo((PublicKey) key, settings.issuer());
    info.setSignatureAlgorithm(Set.of(settings.algorithm()));
    if (audienceInAud) {
      info.setExpectedAudience(Set.of(settings.audience()));
    }
    // jti and the lifetime are checked by checkTime, which names the reason for RefusalHints
    info.setRequiredClaims(Set.of("exp", "iat", "sub"));
    info.setClockSkew((int) settings.clockSkew().toSeconds());
    info.setRequireNamedPrincipal(true);
    return info;
  }

  /**
   * The verified token.
   *
   * @throws AuthenticationFailure with the reason code
   * @throws StoreUnavailableException when the deny-list cannot be read and the policy is deny
   */
  Verified verify(String token) throws AuthenticationFailure {
    VerifiedTokens.Entry seen = verified.get(token);
    if (seen != null && !keys.current().verifies(seen.kid(), seen.key())) {
      verified.remove(token); // its key left the set: verified again, and refused
      seen = null;
    }
    String cache = seen != null ? "hit" : "miss";
    try {
      Verified v = seen != null ? verifyKept(token, seen) : verifyText(token);
      VERIFICATIONS.increment("valid", cache);
      return v;
    } catch (AuthenticationFailure f) {
      VERIFICATIONS.increment(f.reason(), cache);
      hints.refused(f.reason(), f.detail());
      throw f;
    } catch (StoreUnavailableException unreadable) {
      VERIFICATIONS.increment("store_unavailable", cache);
      throw unreadable;
    }
  }

  /** A token verified before: steps 1 to 3 cannot change for the same text and keys. */
  private Verified verifyKept(String token, VerifiedTokens.Entry seen)
      throws AuthenticationFailure {
    try {
      checkTime(seen.claims());
    } catch (AuthenticationFailure expired) {
      verified.remove(token);
      throw expired;
    }
    notDenied(seen.claims());
    return seen.verified();
  }

  private Verified verifyText(String token) throws AuthenticationFailure {
    if (token.length() > settings.maxTokenBytes()) {
      throw new AuthenticationFailure("token_too_large");
    }
    Parsers p = parsers();
    String kid = checkHeader(token, p);
    DefaultJWTParser parser = p.byKid().get(kid);
    if (parser == null) {
      keys.afterUnknownKid(); // a key just published at the JWKS URL, or a forgery
      p = parsers();
      parser = p.byKid().get(kid);
      if (parser == null) {
        throw new AuthenticationFailure("unknown_kid");
      }
    }
    JsonWebToken jwt;
    try {
      jwt = parser.parse(token);
    } catch (ParseException e) {
      throw new AuthenticationFailure(reason(e));
    } catch (RuntimeException e) {
      throw new AuthenticationFailure("unparseable");
    }
    Claims claims = Claims.of(jwt);
    checkTime(claims);
    if (claims.sid() == null && claims.sidPresent()) {
      throw new AuthenticationFailure("bad_session_claim");
    }
    checkClaims(jwt);
    notDenied(claims);
    Verified v = new Verified(jwt, names(jwt, rolePaths, false), names(jwt, scopePaths, true));
    verified.put(token, new VerifiedTokens.Entry(v, claims, kid,
        p.state().verification().get(kid)), clock.instant().getEpochSecond(),
        settings.clockSkew().toSeconds());
    return v;
  }

  private static Set<String> names(JsonWebToken jwt, List<ClaimPath> paths, boolean scopes) {
    if (paths.size() == 1) {
      return Set.copyOf(paths.get(0).read(jwt, scopes));
    }
    Set<String> all = new java.util.HashSet<>();
    paths.forEach(path -> all.addAll(path.read(jwt, scopes)));
    return Set.copyOf(all);
  }

  /**
   * What an external issuer's tokens are checked for beyond smallrye-jwt: the audience in another
   * claim than {@code aud}, the authorized party, and that the token is an access token
   * ({@link #notAnAccessToken}) — refused even where its {@code aud} names this API.
   */
  private void checkClaims(JsonWebToken jwt) throws AuthenticationFailure {
    if (!audienceInAud) {
      if (jwt.getClaim(rules.audienceClaim()) == null) {
        throw new AuthenticationFailure("missing_audience");
      }
      if (!audiencePath.read(jwt, false).contains(settings.audience())) {
        throw new AuthenticationFailure("wrong_audience");
      }
    }
    if (!rules.authorizedParties().isEmpty()) {
      String party = null;
      for (String claim : PARTY_CLAIMS) {
        party = text(jwt.getClaim(claim));
        if (party != null) {
          break;
        }
      }
      if (party == null || !rules.authorizedParties().contains(party)) {
        throw new AuthenticationFailure("unauthorized_party");
      }
    }
    String other = notAnAccessToken(jwt);
    if (other != null) {
      throw new AuthenticationFailure("not_an_access_token", other);
    }
  }

  /**
   * What marks the token as another kind than an access token, or null: a Keycloak {@code typ}
   * claim of an ID, refresh or logout token; an Amazon Cognito {@code token_use} other than
   * {@code access}; an {@code at_hash} or {@code c_hash}, which OpenID Connect defines for ID
   * tokens only (Core §3.1.3.6, §3.3.2.11) — no access token carries the hash of an access token,
   * and Google's ID token from a code-flow sign-in always has one. Not {@code nonce}: Keycloak
   * before 24 put it in access tokens too.
   */
  private static String notAnAccessToken(JsonWebToken jwt) {
    String typ = text(jwt.getClaim("typ"));
    if (typ != null && (typ.equalsIgnoreCase("ID") || typ.equalsIgnoreCase("Refresh")
        || typ.equalsIgnoreCase("Offline") || typ.equalsIgnoreCase("Logout"))) {
      return "a typ claim \"" + KeyPolicy.printable(typ) + "\"";
    }
    Object use = jwt.getClaim("token_use");
    if (use != null && !"access".equals(text(use))) {
      return "a token_use claim \"" + KeyPolicy.printable(String.valueOf(text(use))) + "\"";
    }
    for (String hash : List.of("at_hash", "c_hash")) {
      if (jwt.getClaim(hash) != null) {
        return "an " + hash + " claim";
      }
    }
    return null;
  }

  private static String text(Object claim) {
    return claim instanceof jakarta.json.JsonString js ? js.getString()
        : claim instanceof String str ? str : null;
  }

  /**
   * The claims steps 4 and 5 read, read once per token: a parsed token's claims are looked up
   * through smallrye-jwt and jose4j with a conversion each time, and a kept token is checked on
   * every request.
   */
  record Claims(long exp, long iat, Long nbf, String sub, String jti, String sid,
      boolean sidPresent) {

    static Claims of(JsonWebToken jwt) {
      Object nbf = jwt.getClaim("nbf");
      return new Claims(jwt.getExpirationTime(), jwt.getIssuedAtTime(),
          nbf instanceof Number n ? n.longValue() : null, jwt.getSubject(), jwt.getTokenID(),
          SessionClaim.of(jwt), jwt.getClaim(SessionClaim.NAME) != null);
    }
  }

  private void notDenied(Claims claims) throws AuthenticationFailure {
    if (denied(claims.jti(), claims.sid())) {
      throw new AuthenticationFailure("token_revoked");
    }
  }

  /** Step 5, on a token whose signature and claims have passed: asked once, never verified again. */
  private boolean denied(String jti, String sid) {
    if (jti == null && sid == null) {
      return false; // nothing a deny-list could name (require-jti=false, no session)
    }
    try {
      return denyList.isDenied(jti, sid, clock.instant());
    } catch (StoreUnavailableException unreadable) {
      if (!allowOnDenyListFailure) {
        throw unreadable;
      }
      return false;
    }
  }

  /** The kid whose key should verify this token, as its header names it (or the only one). */
  private String checkHeader(String token, Parsers p) throws AuthenticationFailure {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0
        || second == token.length() - 1) {
      throw new AuthenticationFailure("malformed");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c != '.' && sextet(c) < 0) {
        throw new AuthenticationFailure("malformed"); // padding, +, /, whitespace, anything else
      }
    }
    if (!canonical(token, 0, first) || !canonical(token, first + 1, second)
        || !canonical(token, second + 1, token.length())) {
      throw new AuthenticationFailure("non_canonical_base64");
    }
    Map<?, ?> header;
    try {
      header = HEADER_JSON.readValue(Base64.getUrlDecoder().decode(token.substring(0, first)),
          Map.class);
    } catch (Exception e) {
      throw new AuthenticationFailure("malformed_header");
    }
    if (!algorithm.equals(header.get("alg"))) {
      throw new AuthenticationFailure("algorithm_not_pinned");
    }
    for (Object name : header.keySet()) {
      if (FORBIDDEN_HEADERS.contains(String.valueOf(name))) {
        throw new AuthenticationFailure("forbidden_header_" + name);
      }
    }
    Object typ = header.get("typ");
    if (typ == null ? !rules.acceptsUntyped()
        : !(typ instanceof String type) || !rules.acceptsType(type)) {
      throw new AuthenticationFailure("wrong_type",
          typ == null ? "none" : KeyPolicy.printable(String.valueOf(typ)));
    }
    Object kid = header.get("kid");
    if (kid == null) {
      if (p.onlyKid() == null) {
        throw new AuthenticationFailure("missing_kid");
      }
      return p.onlyKid();
    }
    if (!(kid instanceof String k)) {
      throw new AuthenticationFailure("unknown_kid");
    }
    return k; // perhaps not in force: the caller asks the key ring
  }

  /**
   * Whether {@code token[from, to)} is the one base64url spelling of its bytes (RFC 4648 §3.5):
   * no length of the form 4n + 1, and the bits of the last character that encode no byte are
   * zero. Decoders ignore those bits, so without this check an HS256 signature (43 characters)
   * has four spellings, a part of length 4n + 2 sixteen, and one token passes under several
   * texts — past any cache, log correlation or deny-list keyed by the text.
   */
  static boolean canonical(String token, int from, int to) {
    int rest = (to - from) % 4;
    if (rest == 1) {
      return false;
    }
    if (rest == 0) {
      return true;
    }
    int spareBits = rest == 2 ? 0x0f : 0x03;
    return (sextet(token.charAt(to - 1)) & spareBits) == 0;
  }

  /** The 6-bit value of a base64url character, or -1. */
  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }

  private void checkTime(Claims c) throws AuthenticationFailure {
    long now = clock.instant().getEpochSecond();
    long skew = settings.clockSkew().toSeconds();
    long exp = c.exp();
    long iat = c.iat();
    if (exp <= 0 || iat <= 0 || blank(c.sub())) {
      throw new AuthenticationFailure("missing_claim");
    }
    if (c.jti() == null ? rules.requireJti() : blank(c.jti()) || c.jti().length() > 256) {
      throw new AuthenticationFailure(c.jti() == null ? "missing_jti" : "missing_claim");
    }
    if (now > exp + skew) {
      throw new AuthenticationFailure("expired");
    }
    if (iat > now + skew) {
      throw new AuthenticationFailure("issued_in_future");
    }
    if (c.nbf() != null && c.nbf() > now + skew) {
      throw new AuthenticationFailure("not_yet_valid");
    }
    if (exp - iat > settings.maxTokenAge().toSeconds()) {
      throw new AuthenticationFailure("lifetime_too_long", String.valueOf(exp - iat));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String reason(ParseException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidJwtException ije) {
        if (ije.hasExpired()) {
          return "expired";
        }
        if (ije.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)) {
          return "bad_signature";
        }
        if (ije.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_MISSING)) {
          return "missing_audience";
        }
        if (ije.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_INVALID)) {
          return "wrong_audience";
        }
        if (ije.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.JWT_ID_MISSING)) {
          return "missing_jti";
        }
        if (ije.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUER_INVALID)
            || ije.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUER_MISSING)) {
          return "wrong_issuer";
        }
        return "invalid_token";
      }
    }
    return "invalid_token";
  }
}
