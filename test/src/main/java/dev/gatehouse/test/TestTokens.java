package dev.gatehouse.test;

import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.internal.SettingsKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Access tokens for tests, signed with the key the application under test is configured with —
 * and deliberately bad ones. Configure a test key for the test run (an HMAC
 * {@code gatehouse.jwt.secret}, or {@code gatehouse.jwt.sign-key} beside the verification keys;
 * for a service that verifies an identity provider's tokens, a test profile such as Quarkus's
 * {@code %test.gatehouse.jwt.secret}), then:
 *
 * <pre>{@code
 * TestTokens tokens = TestTokens.fromConfig();            // the application's own settings
 * String alice = tokens.token().subject("alice").roles("writer").sign();
 * given().auth().oauth2(alice).get("/notes").then().statusCode(200);
 * String expired = tokens.token().subject("alice").expired().sign();   // 401
 * String forged = tokens.token().subject("alice").signedWithOtherKey().sign(); // 401
 * }</pre>
 *
 * <p>Tokens carry {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code exp}, a fresh
 * {@code jti}, the roles in the first configured roles claim ({@code groups} by default) and the
 * scopes, space-separated, in the first configured scopes claim ({@code scope}).
 */
public final class TestTokens {

  /** The lifetime of a token unless {@link Builder#lifetime} says otherwise. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private final JwtSettings settings;
  private final Clock clock;

  private TestTokens(JwtSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (SettingsKeys.of(settings).signingKey().isEmpty()) {
      throw new IllegalStateException("the application's Gatehouse settings hold no key to sign"
          + " test tokens with: for the tests, set " + JwtSettings.SECRET + " (HS256, "
          + "e.g. openssl rand -base64 32) or " + JwtSettings.SIGN_KEY + " beside the"
          + " verification keys — a test profile may set them for a verify-only service");
    }
  }

  /** Tokens for the application configured by the MicroProfile Config of this thread. */
  public static TestTokens fromConfig() {
    return fromConfig(ConfigProvider.getConfig());
  }

  /** Tokens for the application configured by {@code config}. */
  public static TestTokens fromConfig(Config config) {
    return of(JwtSettings.fromConfig(config));
  }

  /** Tokens for an application with {@code settings}. */
  public static TestTokens of(JwtSettings settings) {
    return new TestTokens(settings, Clock.systemUTC());
  }

  /**
   * The same tokens, timed by {@code clock}: give the server's clock when it is not the wall
   * clock (a test clock standing still), so that tokens are neither early nor expired there.
   */
  public TestTokens withClock(Clock clock) {
    return new TestTokens(settings, clock);
  }

  /** A builder of one token. */
  public Builder token() {
    return new Builder();
  }

  /** {@code Bearer <token>} of {@code subject} with {@code roles}: a header value. */
  public String authorization(String subject, String... roles) {
    return "Bearer " + token().subject(subject).roles(roles).sign();
  }

  /** The settings the tokens follow. */
  public JwtSettings settings() {
    return settings;
  }

  /** What is wrong with a token on purpose. */
  private enum Flaw {
    NONE, EXPIRED, OTHER_KEY, UNSIGNED, WRONG_AUDIENCE, WRONG_ISSUER
  }

  /** One token; {@link #sign()} ends it. Not thread-safe. */
  public final class Builder {

    private String subject = "test-user";
    private final Set<String> roles = new LinkedHashSet<>();
    private final Set<String> scopes = new LinkedHashSet<>();
    private Duration lifetime = DEFAULT_LIFETIME;
    private Flaw flaw = Flaw.NONE;

    private Builder() {
    }

    /** The {@code sub} claim; {@code test-user} by default. */
    public Builder subject(String sub) {
      if (sub == null || sub.isBlank()) {
        throw new IllegalArgumentException("subject: must not be blank");
      }
      this.subject = sub;
      return this;
    }

    /** Adds roles. */
    public Builder roles(String... names) {
      roles.addAll(List.of(names));
      return this;
    }

    /** Adds roles. */
    public Builder roles(java.util.Collection<String> names) {
      roles.addAll(names);
      return this;
    }

    /** Adds scopes. */
    public Builder scopes(String... names) {
      scopes.addAll(List.of(names));
      return this;
    }

    /** Adds scopes. */
    public Builder scopes(java.util.Collection<String> names) {
      scopes.addAll(names);
      return this;
    }

    /**
     * How long the token is valid from now; {@link #DEFAULT_LIFETIME} by default. More than the
     * application's access-token lifetime makes a token it refuses.
     */
    public Builder lifetime(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("lifetime: must be positive, was " + ttl);
      }
      this.lifetime = ttl;
      return this;
    }

    /** A token that expired ten minutes ago, beyond any allowed clock skew. */
    public Builder expired() {
      flaw = Flaw.EXPIRED;
      return this;
    }

    /** A token signed with a fresh key of the same algorithm that the application never saw. */
    public Builder signedWithOtherKey() {
      flaw = Flaw.OTHER_KEY;
      return this;
    }

    /** An unsecured token: {@code alg: none}, no signature (RFC 7519 §6). */
    public Builder unsigned() {
      flaw = Flaw.UNSIGNED;
      return this;
    }

    /** A token for another API: {@code aud} is not the application's. */
    public Builder wrongAudience() {
      flaw = Flaw.WRONG_AUDIENCE;
      return this;
    }

    /** A token from another issuer. */
    public Builder wrongIssuer() {
      flaw = Flaw.WRONG_ISSUER;
      return this;
    }

    /** The compact token. */
    public String sign() {
      Instant now = clock.instant();
      Instant issued = flaw == Flaw.EXPIRED ? now.minus(Duration.ofMinutes(15)) : now;
      Instant expires = flaw == Flaw.EXPIRED ? now.minus(Duration.ofMinutes(10))
          : now.plus(lifetime);
      JwtClaimsBuilder claims = Jwt.claims()
          .issuer(flaw == Flaw.WRONG_ISSUER ? settings.issuer() + "-other" : settings.issuer())
          .subject(subject)
          .issuedAt(issued)
          .expiresAt(expires)
          .claim("jti", UUID.randomUUID().toString());
      String audienceClaim = settings.claims().audienceClaim();
      String audience = flaw == Flaw.WRONG_AUDIENCE ? settings.audience() + "-other"
          : settings.audience();
      if ("aud".equals(audienceClaim)) {
        claims.audience(audience);
      } else {
        claims.claim(audienceClaim, audience);
      }
      if (!roles.isEmpty()) {
        claims.claim(simpleClaim(settings.claims().rolesClaims(), "roles-claims"),
            List.copyOf(roles));
      }
      if (!scopes.isEmpty()) {
        claims.claim(simpleClaim(settings.claims().scopesClaims(), "scopes-claims"),
            String.join(" ", scopes));
      }
      if (flaw == Flaw.UNSIGNED) {
        return unsecured(claims.jws().algorithm(SignatureAlgorithm.HS256).sign(
            new SecretKeySpec(new byte[32], "HmacSHA256")));
      }
      var keys = SettingsKeys.of(settings);
      SignatureAlgorithm alg = settings.algorithm();
      Key key = flaw == Flaw.OTHER_KEY ? otherKey(alg) : keys.signingKey().orElseThrow();
      JwtSignatureBuilder jws = claims.jws().algorithm(alg).type("JWT")
          .keyId(keys.signingKeyId().orElseThrow());
      return key instanceof SecretKey secret ? jws.sign(secret) : jws.sign((PrivateKey) key);
    }
  }

  /** The claim to write: the first configured name that is a plain name, not a path. */
  private static String simpleClaim(List<String> configured, String setting) {
    for (String c : configured) {
      if (c.matches("[A-Za-z0-9_:-]+")) {
        return c;
      }
    }
    throw new IllegalStateException("gatehouse.jwt." + setting + " " + configured
        + " names no top-level claim a test token could carry");
  }

  /** {@code token} re-encoded as {@code alg: none} with an empty signature. */
  private static String unsecured(String token) {
    String[] parts = token.split("\\.");
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + parts[1] + ".";
  }

  private static Key otherKey(SignatureAlgorithm alg) {
    try {
      String name = alg.getAlgorithm();
      if (name.startsWith("HS")) {
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        return new SecretKeySpec(secret, "Hmac" + name.replace("HS", "SHA"));
      }
      if (name.startsWith("ES")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(switch (name) {
          case "ES384" -> "secp384r1";
          case "ES512" -> "secp521r1";
          default -> "secp256r1";
        }));
        return g.generateKeyPair().getPrivate();
      }
      if (name.equals("EdDSA")) {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair().getPrivate();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot make another key for " + alg, e);
    }
  }
}
