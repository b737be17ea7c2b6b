package dev.gatehouse.jwt;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.internal.JwtKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Everything the jwt module reads from MicroProfile Config, validated together at start-up.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>default</th></tr>
 *   <tr><td>gatehouse.jwt.issuer, gatehouse.jwt.audience</td><td>required</td></tr>
 *   <tr><td>gatehouse.jwt.algorithm</td><td>HS256</td></tr>
 *   <tr><td>gatehouse.jwt.secret / secret-file</td><td>HS*: required</td></tr>
 *   <tr><td>gatehouse.jwt.sign-key / sign-key-file / sign-key-id</td><td>asymmetric issuing</td></tr>
 *   <tr><td>gatehouse.jwt.verify-keys / verify-keys-file</td><td>asymmetric: required</td></tr>
 *   <tr><td>gatehouse.jwt.key-id</td><td>HS*: derived from the secret and the issuer</td></tr>
 *   <tr><td>gatehouse.jwt.access-token-ttl</td><td>PT15M, at most PT30M</td></tr>
 *   <tr><td>gatehouse.jwt.max-token-age</td><td>the access-token TTL, at most PT30M</td></tr>
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
 * <p>{@link #toString()} names the algorithm and key ids, never key material.
 */
public final class JwtSettings {

  public static final String ISSUER = "gatehouse.jwt.issuer";
  public static final String AUDIENCE = "gatehouse.jwt.audience";
  public static final String ALGORITHM = "gatehouse.jwt.algorithm";
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

  public static final Duration DEFAULT_ACCESS_TTL = Duration.ofMinutes(15);
  public static final Duration MAX_ACCESS_TTL = Duration.ofMinutes(30);
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);
  public static final int DEFAULT_MAX_TOKEN_BYTES = 8192;
  public static final Duration DEFAULT_REFRESH_TTL = Duration.ofDays(14);
  public static final Duration DEFAULT_FAMILY_MAX_AGE = Duration.ofDays(30);
  public static final Duration MAX_REUSE_GRACE = Duration.ofMinutes(1);
  public static final int DEFAULT_MAX_FAMILIES = 100_000;

  private final String issuer;
  private final String audience;
  private final JwtKeys keys;
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

  private JwtSettings(String issuer, String audience, JwtKeys keys, Duration accessTtl,
      Duration maxTokenAge, Duration clockSkew, int maxTokenBytes, String cookie,
      Duration refreshTtl, Duration familyMaxAge, Duration reuseGrace,
      boolean allowOnDenyListFailure, int maxFamilies) {
    this.issuer = issuer;
    this.audience = audience;
    this.keys = keys;
    this.accessTtl = accessTtl;
    this.maxTokenAge = maxTokenAge;
    this.clockSkew = clockSkew;
    this.maxTokenBytes = maxTokenBytes;
    this.cookie = cookie;
    this.refreshTtl = refreshTtl;
    this.familyMaxAge = familyMaxAge;
    this.reuseGrace = reuseGrace;
    this.allowOnDenyListFailure = allowOnDenyListFailure;
    this.maxFamilies = maxFamilies;
  }

  /**
   * Reads and validates every {@code gatehouse.jwt.*} property.
   *
   * @throws dev.gatehouse.core.config.GatehouseConfigException listing every problem
   */
  public static JwtSettings fromConfig(Config config) {
    return ConfigReader.read(config, JwtSettings::read);
  }

  static JwtSettings read(ConfigReader in) {
    String issuer = required(in, ISSUER, "the name or URL your tokens are issued by, e.g."
        + " https://auth.example.com");
    String audience = required(in, AUDIENCE, "the name of this API as it appears in the aud"
        + " claim, e.g. notes-api");
    SignatureAlgorithm alg = algorithm(in);
    JwtKeys keys = alg == null ? null : JwtKeys.read(in, alg, issuer);

    Duration accessTtl = in.duration(ACCESS_TTL).orElse(DEFAULT_ACCESS_TTL);
    within(in, ACCESS_TTL, accessTtl, Duration.ofSeconds(30), MAX_ACCESS_TTL,
        "access tokens cannot be recalled once issued; keep them short, e.g. PT15M");
    Duration maxAge = in.duration(MAX_TOKEN_AGE).orElse(accessTtl.compareTo(MAX_ACCESS_TTL) > 0
        ? MAX_ACCESS_TTL : accessTtl);
    within(in, MAX_TOKEN_AGE, maxAge, Duration.ofSeconds(30), MAX_ACCESS_TTL,
        "tokens living longer than 30 minutes are refused however they are signed, e.g. PT15M");
    if (maxAge.compareTo(accessTtl) < 0 && accessTtl.compareTo(MAX_ACCESS_TTL) <= 0) {
      in.problem(MAX_TOKEN_AGE, maxAge.toString(), "is shorter than " + ACCESS_TTL + " ("
          + accessTtl + "), so this service would refuse its own tokens; raise it or leave it"
          + " unset");
    }
    Duration skew = in.duration(CLOCK_SKEW).orElse(DEFAULT_CLOCK_SKEW);
    within(in, CLOCK_SKEW, skew, Duration.ZERO, MAX_CLOCK_SKEW,
        "more tolerance keeps expired tokens alive; synchronise clocks instead, e.g. PT30S");
    long maxBytes = in.longValue(MAX_TOKEN_BYTES).orElse((long) DEFAULT_MAX_TOKEN_BYTES);
    if (maxBytes < 512 || maxBytes > 65_536) {
      in.problem(MAX_TOKEN_BYTES, String.valueOf(maxBytes), "must be from 512 to 65536, e.g. 8192");
    }
    String cookie = in.string(COOKIE).orElse(null);
    if (cookie != null && !cookie.matches("[A-Za-z0-9_.-]{1,64}")) {
      in.problem(COOKIE, cookie, "is not a cookie name; use letters, digits, _ . or -");
    }
    Duration refreshTtl = in.duration(REFRESH_TTL).orElse(DEFAULT_REFRESH_TTL);
    within(in, REFRESH_TTL, refreshTtl, Duration.ofMinutes(1), Duration.ofDays(365),
        "e.g. P14D");
    Duration familyMaxAge = in.duration(FAMILY_MAX_AGE).orElse(DEFAULT_FAMILY_MAX_AGE);
    within(in, FAMILY_MAX_AGE, familyMaxAge, Duration.ofMinutes(1), Duration.ofDays(365),
        "e.g. P30D");
    if (familyMaxAge.compareTo(refreshTtl) < 0) {
      in.problem(FAMILY_MAX_AGE, familyMaxAge.toString(), "is shorter than " + REFRESH_TTL
          + " (" + refreshTtl + "); a session cannot outlive its own absolute limit");
    }
    Duration grace = in.duration(REUSE_GRACE).orElse(Duration.ZERO);
    within(in, REUSE_GRACE, grace, Duration.ZERO, MAX_REUSE_GRACE,
        "a replayed refresh token is only tolerated for a few seconds, e.g. PT5S");
    boolean allow = false;
    Optional<String> onFailure = in.string(DENYLIST_FAILURE);
    if (onFailure.isPresent()) {
      String v = onFailure.get().toLowerCase(Locale.ROOT);
      if (v.equals("allow")) {
        allow = true;
      } else if (!v.equals("deny")) {
        in.problem(DENYLIST_FAILURE, onFailure.get(), "must be deny (answer 503) or allow");
      }
    }
    long maxFamilies = in.longValue(MAX_FAMILIES).orElse((long) DEFAULT_MAX_FAMILIES);
    if (maxFamilies < 1 || maxFamilies > 10_000_000) {
      in.problem(MAX_FAMILIES, String.valueOf(maxFamilies), "must be from 1 to 10000000");
    }
    return new JwtSettings(issuer, audience, keys, accessTtl, maxAge, skew, (int) maxBytes,
        cookie, refreshTtl, familyMaxAge, grace, allow, (int) maxFamilies);
  }

  private static String required(ConfigReader in, String name, String what) {
    Optional<String> v = in.string(name);
    if (v.isEmpty()) {
      in.secretProblem(name, "is required: set it to " + what);
      return null;
    }
    return v.get();
  }

  private static SignatureAlgorithm algorithm(ConfigReader in) {
    String name = in.string(ALGORITHM).orElse("HS256");
    for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
      if (a.getAlgorithm().equals(name)) {
        return a;
      }
    }
    in.problem(ALGORITHM, name, "is not a supported signature algorithm; use one of HS256,"
        + " HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA");
    return null;
  }

  private static void within(ConfigReader in, String name, Duration v, Duration min, Duration max,
      String hint) {
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      in.problem(name, v.toString(), "must be from " + min + " to " + max + "; " + hint);
    }
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  /** The pinned algorithm and the keys; internal to the module. */
  public JwtKeys keys() {
    return keys;
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

  @Override
  public String toString() {
    return "JwtSettings[iss=" + issuer + ", aud=" + audience + ", " + keys + ", access "
        + accessTtl + ", refresh " + refreshTtl + "/" + familyMaxAge + ", grace " + reuseGrace
        + "]";
  }
}
