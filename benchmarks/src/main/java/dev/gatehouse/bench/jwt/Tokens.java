package dev.gatehouse.bench.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens as Gatehouse issues them ({@code typ} JWT, {@code iss}, {@code aud}, {@code sub},
 * {@code iat}, {@code exp}, {@code jti}, {@code sid}), signed once before measuring, so that every
 * verifier sees the same bytes.
 */
public final class Tokens {

  public static final String ISSUER = "https://auth.bench.example";
  public static final String AUDIENCE = "bench-api";
  /** The longest lifetime Gatehouse accepts: a trial must not outlive its tokens. */
  public static final Duration TTL = Duration.ofMinutes(30);

  /**
   * Tokens in the pool of first-seen tokens: more than any cache of verified tokens should hold
   * (issue 13 proposes a bounded one), so each call verifies a token not verified recently.
   */
  public static final int POOL = 1 << 17;

  private Tokens() {
  }

  public static String[] pool(JWSSigner signer, JWSAlgorithm alg, int n) {
    Instant now = Instant.now();
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = sign(signer, alg, now, "user-" + (i % 1000));
    }
    return out;
  }

  static String sign(JWSSigner signer, JWSAlgorithm alg, Instant now, String subject) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(TTL)))
        .jwtID(UUID.randomUUID().toString())
        .claim("sid", UUID.randomUUID().toString())
        .claim("groups", java.util.List.of("user"))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(),
        claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
