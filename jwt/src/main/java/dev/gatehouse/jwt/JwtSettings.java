package dev.gatehouse.jwt;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.internal.JwksUrl;
import dev.gatehouse.jwt.internal.KeyMaterial;
import dev.gatehouse.jwt.internal.KeySet;
import dev.gatehouse.jwt.internal.KeySetBuilder;
import dev.gatehouse.jwt.internal.OidcDiscovery;
import dev.gatehouse.jwt.internal.SettingsKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.Config;

/**
 * Every setting of the jwt module, validated together: read from MicroProfile Config with
 * {@link #fromConfig}, or built in code with {@link #builder()} and handed to
 * {@link GatehouseJwtFeature#GatehouseJwtFeature(JwtSettings)} — the same validation either way.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>default</th></tr>
 *   <tr><td>gatehouse.jwt.issuer, gatehouse.jwt.audience</td><td>required</td></tr>
 *   <tr><td>gatehouse.jwt.oidc-issuer</td><td>an OpenID Connect issuer instead of issuer and
 *       keys</td></tr>
 *   <tr><td>gatehouse.jwt.algorithm</td><td>HS256</td></tr>
 *   <tr><td>gatehouse.jwt.secret / secret-file</td><td>HS*: required</td></tr>
 *   <tr><td>gatehouse.jwt.sign-key / sign-key-file / sign-key-id</td><td>asymmetric issuing</td></tr>
 *   <tr><td>gatehouse.jwt.verify-keys / verify-keys-file</td><td>asymmetric: required</td></tr>
 *   <tr><td>gatehouse.jwt.key-id</td><td>HS*: derived from the secret and the issuer</td></tr>
 *   <tr><td>gatehouse.jwt.verify-keys-url</td><td>asymmetric: a JWKS URL instead</td></tr>
 *   <tr><td>gatehouse.jwt.verify-keys-url-timeout</td><td>PT5S</td></tr>
 *   <tr><td>gatehouse.jwt.unknown-kid-refetch-interval</td><td>PT30S</td></tr>
 *   <tr><td>gatehouse.jwt.key-refresh-interval</td><td>PT1M: key files and JWKS URL read again</td></tr>
 *   <tr><td>gatehouse.jwt.access-token-ttl</td><td>PT15M, at most PT30M</td></tr>
 *   <tr><td>gatehouse.jwt.max-token-age</td><td>the access-token TTL, at most PT30M (P1D when
 *       only verifying an external issuer's tokens)</td></tr>
 *   <tr><td>gatehouse.jwt.roles-claims, scopes-claims, audience-claim, authorized-parties,
 *       require-jti, token-types</td><td>see {@link TokenClaims}</td></tr>
 *   <tr><td>gatehouse.jwt.clock-skew</td><td>PT30S, at most PT2M</td></tr>
 *   <tr><td>gatehouse.jwt.max-token-bytes</td><td>8192</td></tr>
 *   <tr><td>gatehouse.jwt.cookie</td><td>none: tokens only from Authorization</td></tr>
 *   <tr><td>gatehouse.jwt.refresh-token-ttl</td><td>P14D</td></tr>
 *   <tr><td>gatehouse.jwt.refresh-family-max-age</td><td>P30D</td></tr>
 *   <tr><td>gatehouse.jwt.refresh-token-reuse-grace</td><td>PT0S, at most PT1M</td></tr>
 *   <tr><td>gatehouse.jwt.denylist.on-store-failure</td><td>deny</td></tr>
 *   <tr><td>gatehouse.jwt.memory.max-families</td><td>100000</td></tr>
 * </table>
 *
 * <pre>{@code
 * JwtSettings settings = JwtSettings.builder()
 *     .issuer("https://auth.example.com")
 *     .audience("notes-api")
 *     .hmacSecret(secretFromYourVault)          // 32+ random bytes for HS256
 *     .accessTokenTtl(Duration.ofMinutes(10))
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} names the algorithm and key ids, never key material.
 */
public final class JwtSettings {

  public static final String ISSUER = "gatehouse.jwt.issuer";
  /**
   * An OpenID Connect issuer whose tokens this service verifies: its discovery document names the
   * JWKS, and it is the issuer; instead of {@code issuer} and the key settings.
   */
  public static final String OIDC_ISSUER = "gatehouse.jwt.oidc-issuer";
  public static final String AUDIENCE = "gatehouse.jwt.audience";
  public static final String ALGORITHM = "gatehouse.jwt.algorithm";
  public static final String SECRET = "gatehouse.jwt.secret";
  public static final String SECRET_FILE = "gatehouse.jwt.secret-file";
  public static final String KEY_ID = "gatehouse.jwt.key-id";
  public static final String SIGN_KEY = "gatehouse.jwt.sign-key";
  public static final String SIGN_KEY_FILE = "gatehouse.jwt.sign-key-file";
  public static final String SIGN_KEY_ID = "gatehouse.jwt.sign-key-id";
  public static final String VERIFY_KEYS = "gatehouse.jwt.verify-keys";
  public static final String VERIFY_KEYS_FILE = "gatehouse.jwt.verify-keys-file";
  /** A JWKS URL (HTTPS, or HTTP to loopback) to fetch verification keys from, and again later. */
  public static final String VERIFY_KEYS_URL = "gatehouse.jwt.verify-keys-url";
  /** How long one fetch of the JWKS URL may take: to connect, and between bytes read. */
  public static final String VERIFY_KEYS_URL_TIMEOUT = "gatehouse.jwt.verify-keys-url-timeout";
  /** A token with a kid not in force fetches the JWKS URL again at most once per this. */
  public static final String UNKNOWN_KID_REFETCH = "gatehouse.jwt.unknown-kid-refetch-interval";
  public static final String ACCESS_TTL = "gatehouse.jwt.access-token-ttl";
  public static final String MAX_TOKEN_AGE = "gatehouse.jwt.max-token-age";
  public static final String CLOCK_SKEW = "gatehouse.jwt.clock-skew";
  public static final String MAX_TOKEN_BYTES = "gatehouse.jwt.max-token-bytes";
  public static final String COOKIE = "gatehouse.jwt.cookie";
  public static final String REFRESH_TTL = "gatehouse.jwt.refresh-token-ttl";
  public static final String FAMILY_MAX_AGE = "gatehouse.jwt.refresh-family-max-age";
  public static final String REUSE_GRACE = "gatehouse.jwt.refresh-token-reuse-grace";
  public static final String DENYLIST_FAILURE = "gatehouse.jwt.denylist.on-store-failure";
  public static final String MAX_FAMILIES = "gatehouse.jwt.memory.max-families";
  /** How often key files ({@code *-file}) are read again, to rotate keys without a restart. */
  public static final String KEY_REFRESH_INTERVAL = "gatehouse.jwt.key-refresh-interval";

  public static final Duration DEFAULT_ACCESS_TTL = Duration.ofMinutes(15);
  public static final Duration MAX_ACCESS_TTL = Duration.ofMinutes(30);
  /**
   * The longest {@code max-token-age} for a service that only verifies an external issuer's
   * tokens — set explicitly, with a start-up warning; its own tokens never live past
   * {@link #MAX_ACCESS_TTL}.
   */
  public static final Duration MAX_EXTERNAL_TOKEN_AGE = Duration.ofDays(1);
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);
  public static final int DEFAULT_MAX_TOKEN_BYTES = 8192;
  public static final Duration DEFAULT_REFRESH_TTL = Duration.ofDays(14);
  public static final Duration DEFAULT_FAMILY_MAX_AGE = Duration.ofDays(30);
  public static final Duration MAX_REUSE_GRACE = Duration.ofMinutes(1);
  public static final int DEFAULT_MAX_FAMILIES = 100_000;
  public static final Duration DEFAULT_KEY_REFRESH_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_VERIFY_KEYS_URL_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_UNKNOWN_KID_REFETCH = Duration.ofSeconds(30);

  private static final String ISSUER_REQUIRED = "is required: set it to the name or URL your"
      + " tokens are issued by, e.g. https://auth.example.com";
  private static final String AUDIENCE_REQUIRED = "is required: set it to the name of this API as"
      + " it appears in the aud claim, e.g. notes-api";

  private final String issuer;
  private final String audience;
  private final KeySet keys;
  private final TokenClaims claims;
  private final URI oidcIssuer;

  static {
    // key material reaches the verifier through this, never through a public accessor
    SettingsKeys.register(s -> s.keys);
  }
  private final Duration accessTtl;
  private final Duration maxTokenAge;
  private final Duration clockSkew;
  private final int maxTokenBytes;
  private final String cookie;
  private final Duration refreshTtl;
  private final Duration familyMaxAge;
  private final Duration reuseGrace;
  private final boolean allowOnDenyListFailure;
  private final int maxFamilies;
  private final Duration keyRefreshInterval;
  private final URI verifyKeysUrl;
  private final Duration verifyKeysUrlTimeout;
  private final Duration unknownKidRefetch;

  private JwtSettings(Builder b, KeySet keys, Duration maxTokenAge) {
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.keys = keys;
    this.claims = b.claims;
    this.oidcIssuer = b.oidcIssuer;
    this.accessTtl = b.accessTtl;
    this.maxTokenAge = maxTokenAge;
    this.clockSkew = b.clockSkew;
    this.maxTokenBytes = b.maxTokenBytes;
    this.cookie = b.cookie;
    this.refreshTtl = b.refreshTtl;
    this.familyMaxAge = b.familyMaxAge;
    this.reuseGrace = b.reuseGrace;
    this.allowOnDenyListFailure = b.allowOnDenyListFailure;
    this.maxFamilies = b.maxFamilies;
    this.keyRefreshInterval = b.keyRefreshInterval;
    this.verifyKeysUrl = b.keys.verificationKeysUrl();
    this.verifyKeysUrlTimeout = b.verifyKeysUrlTimeout;
    this.unknownKidRefetch = b.unknownKidRefetch;
  }

  /** Settings to build in code: every default of the table above, no issuer, audience or key. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads and validates every {@code gatehouse.jwt.*} property.
   *
   * @throws dev.gatehouse.core.config.GatehouseConfigException listing every problem
   */
  public static JwtSettings fromConfig(Config config) {
    return ConfigReader.read(config, JwtSettings::read);
  }

  /**
   * Reads the properties into a {@link Builder}, recording each refused value; the combination is
   * checked ({@link Builder#build()}) once every value passed — a cross-check over a missing or
   * refused value would only repeat its problem.
   */
  static JwtSettings read(ConfigReader in) {
    Builder b = builder();
    int before = in.problems().size();
    Optional<String> oidc = in.string(OIDC_ISSUER);
    if (oidc.isPresent()) {
      in.apply(b::oidcIssuer, oidc.get());
      in.string(ISSUER).ifPresent(v -> in.apply(b::issuer, v));
      List<String> keysToo = new java.util.ArrayList<>();
      for (KeyMaterial m : KeyMaterial.values()) {
        keysToo.addAll(m.propertiesSet(in));
      }
      in.string(VERIFY_KEYS_URL).ifPresent(v -> keysToo.add(VERIFY_KEYS_URL));
      if (!keysToo.isEmpty()) {
        in.secretProblem(OIDC_ISSUER, "takes the keys from the issuer's JWKS, and " + String.join(
            " and ", keysToo) + (keysToo.size() == 1 ? " is" : " are") + " set too: a service"
            + " that verifies an identity provider's tokens neither holds keys of its own nor"
            + " issues tokens; keep " + OIDC_ISSUER + " alone");
      }
    } else {
      required(in, ISSUER, ISSUER_REQUIRED, b::issuer);
    }
    required(in, AUDIENCE, AUDIENCE_REQUIRED, b::audience);
    TokenClaims.Builder claims = TokenClaims.builder();
    TokenClaims.read(in, claims);
    b.claims(claims.build());
    in.string(ALGORITHM).ifPresent(v -> in.apply(b::algorithm, v));
    in.string(KEY_ID).ifPresent(v -> in.apply(b::keyId, v));
    if (oidc.isPresent()) {
      // the keys come from the issuer; the clash is recorded above, without reading them
      return finish(in, b, before);
    }
    KeyMaterial.SECRET.read(in).ifPresent(v -> in.apply(b::hmacSecret, v));
    Optional<String> url = in.string(VERIFY_KEYS_URL);
    List<String> alsoSet = KeyMaterial.VERIFICATION_KEYS.propertiesSet(in);
    if (url.isPresent() && !alsoSet.isEmpty()) {
      in.secretProblem(VERIFY_KEYS_URL, "and " + String.join(" and ", alsoSet) + " are both set;"
          + " keep one");
    } else if (url.isPresent()) {
      in.apply(b::verificationKeysUrl, url.get());
    } else {
      KeyMaterial.VERIFICATION_KEYS.read(in).ifPresent(v -> in.apply(b::verificationKeys, v));
    }
    KeyMaterial.SIGNING_KEY.read(in).ifPresent(v -> in.apply(b::signingKey, v));
    in.string(SIGN_KEY_ID).ifPresent(v -> in.apply(b::signingKeyId, v));
    return finish(in, b, before);
  }

  /** The settings every key source shares; then the combination, when every value passed. */
  private static JwtSettings finish(ConfigReader in, Builder b, int before) {
    in.duration(VERIFY_KEYS_URL_TIMEOUT).ifPresent(v -> in.apply(b::verificationKeysUrlTimeout,
        v));
    in.duration(UNKNOWN_KID_REFETCH).ifPresent(v -> in.apply(b::unknownKidRefetchInterval, v));
    in.duration(ACCESS_TTL).ifPresent(v -> in.apply(b::accessTokenTtl, v));
    in.duration(MAX_TOKEN_AGE).ifPresent(v -> in.apply(b::maxTokenAge, v));
    in.duration(CLOCK_SKEW).ifPresent(v -> in.apply(b::clockSkew, v));
    in.longValue(MAX_TOKEN_BYTES).ifPresent(v -> in.apply(b::maxTokenBytes, v));
    in.string(COOKIE).ifPresent(v -> in.apply(b::cookie, v));
    in.duration(REFRESH_TTL).ifPresent(v -> in.apply(b::refreshTokenTtl, v));
    in.duration(FAMILY_MAX_AGE).ifPresent(v -> in.apply(b::refreshFamilyMaxAge, v));
    in.duration(REUSE_GRACE).ifPresent(v -> in.apply(b::reuseGrace, v));
    in.string(DENYLIST_FAILURE).ifPresent(v -> in.apply(b::onDenyListFailure, v));
    in.longValue(MAX_FAMILIES).ifPresent(v -> in.apply(b::maxFamilies, v));
    in.duration(KEY_REFRESH_INTERVAL).ifPresent(v -> in.apply(b::keyRefreshInterval, v));
    return in.problems().size() == before ? in.attempt(b::build).orElse(null) : null;
  }

  private static void required(ConfigReader in, String name, String rule, Consumer<String> setter) {
    in.string(name).ifPresentOrElse(v -> in.apply(setter, v), () -> in.secretProblem(name, rule));
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  /** What tokens must carry, and where roles and scopes are read. */
  public TokenClaims claims() {
    return claims;
  }

  /** The OpenID Connect issuer whose discovery document named the keys; empty otherwise. */
  public Optional<URI> oidcIssuer() {
    return Optional.ofNullable(oidcIssuer);
  }

  /**
   * Whether this service signs tokens itself (an HMAC secret or a signing key): then its own
   * tokens' rules hold for every token — {@code max-token-age} at most {@link #MAX_ACCESS_TTL},
   * a {@code jti} and the audience in {@code aud} required.
   */
  public boolean issuesTokens() {
    return keys.signingKey().isPresent();
  }

  /** The one signature algorithm accepted and used. */
  public SignatureAlgorithm algorithm() {
    return keys.algorithm();
  }

  /** The {@code kid}s of the verification keys, in the order configured. */
  public Set<String> keyIds() {
    return keys.verificationKeys().keySet();
  }

  /** The {@code kid} this service signs with; empty when it only verifies. */
  public Optional<String> signingKeyId() {
    return keys.signingKeyId();
  }

  public Duration accessTokenTtl() {
    return accessTtl;
  }

  public Duration maxTokenAge() {
    return maxTokenAge;
  }

  public Duration clockSkew() {
    return clockSkew;
  }

  public int maxTokenBytes() {
    return maxTokenBytes;
  }

  public Optional<String> cookie() {
    return Optional.ofNullable(cookie);
  }

  public Duration refreshTokenTtl() {
    return refreshTtl;
  }

  public Duration refreshFamilyMaxAge() {
    return familyMaxAge;
  }

  public Duration reuseGrace() {
    return reuseGrace;
  }

  public boolean allowOnDenyListFailure() {
    return allowOnDenyListFailure;
  }

  public int maxFamilies() {
    return maxFamilies;
  }

  /**
   * How often key files are read again when keys come from files — a new signing key then signs,
   * and the previous keys still verify for {@link #maxTokenAge()} plus {@link #clockSkew()} — and
   * how often the {@linkplain #verificationKeysUrl() JWKS URL} is fetched again. The key
   * accessors of these settings keep naming the keys read at start.
   */
  public Duration keyRefreshInterval() {
    return keyRefreshInterval;
  }

  /**
   * The JWKS URL the verification keys come from, fetched at start and again every
   * {@link #keyRefreshInterval()} and on an unknown kid; empty when keys are given otherwise.
   */
  public Optional<URI> verificationKeysUrl() {
    return Optional.ofNullable(verifyKeysUrl);
  }

  /** How long one fetch of the JWKS URL may take to connect, and between bytes read. */
  public Duration verificationKeysUrlTimeout() {
    return verifyKeysUrlTimeout;
  }

  /** A token with an unknown kid fetches the JWKS URL again at most once per this interval. */
  public Duration unknownKidRefetchInterval() {
    return unknownKidRefetch;
  }

  @Override
  public String toString() {
    return "JwtSettings[iss=" + issuer + ", aud=" + audience + ", " + keys
        + (verifyKeysUrl == null ? "" : " from " + verifyKeysUrl
            + (oidcIssuer == null ? "" : " (OpenID Connect discovery)"))
        + ", max token age " + maxTokenAge + ", " + claims
        + (issuesTokens() ? ", access " + accessTtl + ", refresh " + refreshTtl + "/"
            + familyMaxAge + ", grace " + reuseGrace : ", verify only") + "]";
  }

  /**
   * Validates each value as it is set — an {@link IllegalArgumentException} whose message names
   * the property, as a refused property would — and the combination in {@link #build()}. Key
   * material is checked under the algorithm set so far, and again under the final one.
   */
  public static final class Builder {
    private String issuer;
    private String audience;
    private URI oidcIssuer;
    private TokenClaims claims = TokenClaims.defaults();
    private final KeySetBuilder keys = new KeySetBuilder();
    private Duration accessTtl = DEFAULT_ACCESS_TTL;
    private Duration maxTokenAge;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private int maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES;
    private String cookie;
    private Duration refreshTtl = DEFAULT_REFRESH_TTL;
    private Duration familyMaxAge = DEFAULT_FAMILY_MAX_AGE;
    private Duration reuseGrace = Duration.ZERO;
    private boolean allowOnDenyListFailure;
    private int maxFamilies = DEFAULT_MAX_FAMILIES;
    private Duration keyRefreshInterval = DEFAULT_KEY_REFRESH_INTERVAL;
    private Duration verifyKeysUrlTimeout = DEFAULT_VERIFY_KEYS_URL_TIMEOUT;
    private Duration unknownKidRefetch = DEFAULT_UNKNOWN_KID_REFETCH;

    private Builder() {
    }

    /** The {@code iss} of issued tokens and the only one accepted. Required. */
    public Builder issuer(String iss) {
      this.issuer = nonBlank(ISSUER, iss, ISSUER_REQUIRED);
      return this;
    }

    /**
     * The {@code aud} of issued tokens; accepted tokens must contain it. Required. A Google OAuth
     * client id ({@code ….apps.googleusercontent.com}) is refused: only Google ID tokens name
     * one, and an ID token tells that client who signed in — it is not an access token for an
     * API, and nothing else in a "Sign in with Google" credential says so.
     */
    public Builder audience(String aud) {
      String a = nonBlank(AUDIENCE, aud, AUDIENCE_REQUIRED);
      if (a.toLowerCase(Locale.ROOT).endsWith(".apps.googleusercontent.com")) {
        throw new IllegalArgumentException(ConfigReader.describe(AUDIENCE, a, "is a Google OAuth"
            + " client id: the tokens naming it are Google ID tokens, which tell that client who"
            + " signed in and are not access tokens for an API (Google issues no JWT access"
            + " tokens for yours). Name this API as its tokens do, e.g. the URL of a Cloud Run"
            + " service for the ID tokens a service account mints to call it"));
      }
      this.audience = a;
      return this;
    }

    /** The one algorithm accepted and used, by its JOSE name ({@code HS256}, the default). */
    public Builder algorithm(String name) {
      keys.algorithm(name);
      return this;
    }

    public Builder algorithm(SignatureAlgorithm algorithm) {
      keys.algorithm(algorithm);
      return this;
    }

    /** HS*: the secret in base64 or base64url, at least 32/48/64 bytes for HS256/384/512. */
    public Builder hmacSecret(String base64) {
      keys.hmacSecret(base64);
      return this;
    }

    /** HS*: the secret, at least 32/48/64 random bytes for HS256/384/512 (copied). */
    public Builder hmacSecret(byte[] secret) {
      keys.hmacSecret(secret);
      return this;
    }

    /** HS*: a secret from a key store; it must be exportable, so its length can be checked. */
    public Builder hmacSecret(SecretKey secret) {
      keys.hmacSecret(secret);
      return this;
    }

    /** HS*: the secret's {@code kid} (1 to 64 letters, digits, {@code . _ -}) instead of the derived one. */
    public Builder keyId(String kid) {
      keys.keyId(kid);
      return this;
    }

    /** Asymmetric: PEM public keys ({@code kid} = RFC 7638 thumbprint) or a JWKS document. */
    public Builder verificationKeys(String pemOrJwks) {
      keys.verificationKeys(pemOrJwks);
      return this;
    }

    /** Asymmetric: public keys, each known by its RFC 7638 thumbprint. */
    public Builder verificationKeys(List<PublicKey> publicKeys) {
      keys.verificationKeys(publicKeys);
      return this;
    }

    /**
     * Asymmetric: the URL of a JWKS to take the verification keys from — HTTPS, or HTTP to the
     * loopback interface — fetched by {@link #build()} (which fails when it cannot be fetched or
     * holds no usable key), again every {@link #keyRefreshInterval(Duration)}, and again when a
     * token names a kid not in force (at most once per
     * {@link #unknownKidRefetchInterval(Duration)}). Keys the JWKS no longer publishes stop
     * verifying at once: the identity provider decides, as when it withdraws a compromised key.
     */
    public Builder verificationKeysUrl(String url) {
      keys.verificationKeysUrl(JwksUrl.check(url));
      return this;
    }

    /** How long one fetch of the JWKS URL may take, {@code PT0.1S} to {@code PT1M}; default {@code PT5S}. */
    public Builder verificationKeysUrlTimeout(Duration timeout) {
      this.verifyKeysUrlTimeout = within(VERIFY_KEYS_URL_TIMEOUT, timeout,
          Duration.ofMillis(100), Duration.ofMinutes(1), "e.g. PT5S");
      return this;
    }

    /**
     * The least time between two fetches of the JWKS URL caused by tokens naming a kid not in
     * force, {@code PT1S} to {@code PT1H}; default {@code PT30S}. Forged tokens with made-up kids
     * then cost the identity provider one request per interval, not one each.
     */
    public Builder unknownKidRefetchInterval(Duration interval) {
      this.unknownKidRefetch = within(UNKNOWN_KID_REFETCH, interval, Duration.ofSeconds(1),
          Duration.ofHours(1), "e.g. PT30S");
      return this;
    }

    /** Asymmetric issuing: the PKCS#8 PEM private key. */
    public Builder signingKey(String pem) {
      keys.signingKey(pem);
      return this;
    }

    /** Asymmetric issuing: the private key. */
    public Builder signingKey(PrivateKey privateKey) {
      keys.signingKey(privateKey);
      return this;
    }

    /** Asymmetric issuing: the {@code kid} of the signing key's public half; needed with several. */
    public Builder signingKeyId(String kid) {
      keys.signingKeyId(kid);
      return this;
    }

    /** Access-token lifetime, {@code PT30S} to {@code PT30M}; default {@code PT15M}. */
    public Builder accessTokenTtl(Duration ttl) {
      this.accessTtl = within(ACCESS_TTL, ttl, Duration.ofSeconds(30), MAX_ACCESS_TTL,
          "access tokens cannot be recalled once issued; keep them short, e.g. PT15M");
      return this;
    }

    /**
     * Longest {@code exp - iat} accepted; default the access-token TTL. At most {@code PT30M} —
     * or, for a service that only verifies an external issuer's tokens, at most {@code P1D}
     * (checked by {@link #build()}; a start-up warning says so).
     */
    public Builder maxTokenAge(Duration age) {
      this.maxTokenAge = within(MAX_TOKEN_AGE, age, Duration.ofSeconds(30),
          MAX_EXTERNAL_TOKEN_AGE, "an access token cannot be recalled once issued; keep it"
              + " short, e.g. PT15M (above PT30M only for an external issuer's tokens)");
      return this;
    }

    /**
     * Verifies the tokens of this OpenID Connect issuer: {@link #build()} fetches its
     * {@code /.well-known/openid-configuration}, requires its {@code issuer} to equal this
     * exactly, and takes the keys from its {@code jwks_uri} — fetched again as
     * {@link #verificationKeysUrl(String)} is. It is the issuer ({@link #issuer(String)}, if
     * set, must be the same), the algorithm defaults to RS256 (the one OpenID Connect requires
     * providers to support), and no key may be set beside it.
     */
    public Builder oidcIssuer(String issuerUrl) {
      this.oidcIssuer = OidcDiscovery.checkIssuer(issuerUrl);
      return this;
    }

    /** What tokens must carry and where roles and scopes are read; default {@link TokenClaims#defaults()}. */
    public Builder claims(TokenClaims tokenClaims) {
      this.claims = java.util.Objects.requireNonNull(tokenClaims, "claims");
      return this;
    }

    /** Tolerance for {@code exp}, {@code nbf} and {@code iat}, at most {@code PT2M}; default {@code PT30S}. */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = within(CLOCK_SKEW, skew, Duration.ZERO, MAX_CLOCK_SKEW,
          "more tolerance keeps expired tokens alive; synchronise clocks instead, e.g. PT30S");
      return this;
    }

    /** Longer tokens are refused before decoding: 512 to 65536; default 8192. */
    public Builder maxTokenBytes(long bytes) {
      if (bytes < 512 || bytes > 65_536) {
        throw new IllegalArgumentException(ConfigReader.describe(MAX_TOKEN_BYTES, bytes,
            "must be from 512 to 65536, e.g. 8192"));
      }
      this.maxTokenBytes = (int) bytes;
      return this;
    }

    /** A cookie to read the access token from when there is no {@code Authorization}; default none. */
    public Builder cookie(String name) {
      if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException(ConfigReader.describe(COOKIE, name,
            "is not a cookie name; use letters, digits, _ . or -"));
      }
      this.cookie = name;
      return this;
    }

    /** Idle lifetime of a refresh token, {@code PT1M} to {@code P365D}; default {@code P14D}. */
    public Builder refreshTokenTtl(Duration ttl) {
      this.refreshTtl = within(REFRESH_TTL, ttl, Duration.ofMinutes(1), Duration.ofDays(365),
          "e.g. P14D");
      return this;
    }

    /** Absolute lifetime of a session, {@code PT1M} to {@code P365D}; default {@code P30D}. */
    public Builder refreshFamilyMaxAge(Duration age) {
      this.familyMaxAge = within(FAMILY_MAX_AGE, age, Duration.ofMinutes(1),
          Duration.ofDays(365), "e.g. P30D");
      return this;
    }

    /** How long a rotated refresh token still returns its successor, at most {@code PT1M}; default none. */
    public Builder reuseGrace(Duration grace) {
      this.reuseGrace = within(REUSE_GRACE, grace, Duration.ZERO, MAX_REUSE_GRACE,
          "a replayed refresh token is only tolerated for a few seconds, e.g. PT5S");
      return this;
    }

    /** Whether a deny-list that cannot be read lets valid tokens through; default false (503). */
    public Builder allowOnDenyListFailure(boolean allow) {
      this.allowOnDenyListFailure = allow;
      return this;
    }

    /** {@code deny} (answer 503) or {@code allow}, as the property takes it. */
    Builder onDenyListFailure(String policy) {
      String v = policy == null ? "" : policy.toLowerCase(Locale.ROOT);
      if (!v.equals("allow") && !v.equals("deny")) {
        throw new IllegalArgumentException(ConfigReader.describe(DENYLIST_FAILURE, policy,
            "must be deny (answer 503) or allow"));
      }
      return allowOnDenyListFailure(v.equals("allow"));
    }

    /** Sessions the in-memory store holds, 1 to 10000000; default 100000. */
    public Builder maxFamilies(long families) {
      if (families < 1 || families > 10_000_000) {
        throw new IllegalArgumentException(ConfigReader.describe(MAX_FAMILIES, families,
            "must be from 1 to 10000000"));
      }
      this.maxFamilies = (int) families;
      return this;
    }

    /**
     * How often key files and the JWKS URL are read again, {@code PT1S} to {@code PT1H}; default
     * {@code PT1M}.
     */
    public Builder keyRefreshInterval(Duration interval) {
      this.keyRefreshInterval = within(KEY_REFRESH_INTERVAL, interval, Duration.ofSeconds(1),
          Duration.ofHours(1), "a rotated key file is picked up within it, e.g. PT1M");
      return this;
    }

    /**
     * Checks the combination: issuer and audience set, key material complete and of the
     * algorithm's kind, the token age not below the access-token TTL, a session not shorter than
     * its refresh token.
     *
     * @throws IllegalArgumentException naming the first property at fault
     */
    public JwtSettings build() {
      if (oidcIssuer != null) {
        String discovered = oidcIssuer.toString();
        if (issuer != null && !issuer.equals(discovered)) {
          throw new IllegalArgumentException(ConfigReader.describe(ISSUER, issuer, "differs from "
              + OIDC_ISSUER + " (\"" + discovered + "\"), which is the issuer; leave it unset"));
        }
        if (keys.hasKeyMaterial()) {
          throw new IllegalArgumentException(OIDC_ISSUER + ": takes the keys from the issuer's"
              + " JWKS; set no secret, signing key or verification keys beside it");
        }
        issuer = discovered;
        keys.defaultAlgorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256);
        keys.verificationKeysUrl(OidcDiscovery.jwksUri(discovered, verifyKeysUrlTimeout));
      }
      if (issuer == null) {
        throw new IllegalArgumentException(ISSUER + ": " + ISSUER_REQUIRED);
      }
      if (audience == null) {
        throw new IllegalArgumentException(AUDIENCE + ": " + AUDIENCE_REQUIRED);
      }
      KeySet keySet = keys.build(issuer, verifyKeysUrlTimeout);
      Duration age = maxTokenAge != null ? maxTokenAge : accessTtl;
      if (keySet.signingKey().isPresent()) {
        if (age.compareTo(MAX_ACCESS_TTL) > 0) {
          throw new IllegalArgumentException(ConfigReader.describe(MAX_TOKEN_AGE, age,
              "is above " + MAX_ACCESS_TTL + ", which only a service that verifies an external"
                  + " issuer's tokens may set; this one signs its own (" + signingProperty()
                  + "), and its tokens are refused after 30 minutes: keep it at most PT30M"));
        }
        List<String> loosened = claims.relaxations();
        if (!loosened.isEmpty()) {
          throw new IllegalArgumentException(String.join(", ", loosened) + ": loosens what"
              + " tokens must carry, which only a service that verifies an external issuer's"
              + " tokens may do; this one signs its own (" + signingProperty() + "), whose tokens"
              + " always carry jti and aud: remove it");
        }
      }
      if (age.compareTo(accessTtl) < 0) {
        throw new IllegalArgumentException(ConfigReader.describe(MAX_TOKEN_AGE, age,
            "is shorter than " + ACCESS_TTL + " (" + accessTtl + "), so this service would"
                + " refuse its own tokens; raise it or leave it unset"));
      }
      if (familyMaxAge.compareTo(refreshTtl) < 0) {
        throw new IllegalArgumentException(ConfigReader.describe(FAMILY_MAX_AGE, familyMaxAge,
            "is shorter than " + REFRESH_TTL + " (" + refreshTtl + "); a session cannot outlive"
                + " its own absolute limit"));
      }
      return new JwtSettings(this, keySet, age);
    }

    private String signingProperty() {
      return keys.isHmac() ? SECRET : SIGN_KEY;
    }

    private static String nonBlank(String name, String value, String rule) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + ": " + rule);
      }
      return value.trim();
    }

    private static Duration within(String name, Duration v, Duration min, Duration max,
        String hint) {
      if (v == null || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
        throw new IllegalArgumentException(ConfigReader.describe(name, v, "must be from " + min
            + " to " + max + "; " + hint));
      }
      return v;
    }
  }
}
