package dev.gatehouse.bench.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.security.Key;
import java.security.PublicKey;
import java.util.Set;
import javax.crypto.SecretKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The rival verifiers, each built once and reused, each checking what Gatehouse checks: the
 * pinned algorithm, signature, {@code typ}, {@code iss}, {@code aud}, {@code exp} (30 s skew) and
 * the presence of {@code iat}, {@code sub} and {@code jti}.
 */
final class Rivals {

  private static final Set<String> REQUIRED = Set.of("exp", "iat", "sub", "jti");

  private Rivals() {
  }

  static DefaultJWTParser smallrye(Key key, SignatureAlgorithm alg) {
    JWTAuthContextInfo info = key instanceof SecretKey secret
        ? new JWTAuthContextInfo(secret, Tokens.ISSUER)
        : new JWTAuthContextInfo((PublicKey) key, Tokens.ISSUER);
    info.setSignatureAlgorithm(Set.of(alg));
    info.setExpectedAudience(Set.of(Tokens.AUDIENCE));
    info.setRequiredClaims(REQUIRED);
    info.setClockSkew(30);
    info.setMaxTimeToLiveSecs(Tokens.TTL.toSeconds());
    info.setRequireNamedPrincipal(true);
    // an explicit factory: without one, smallrye-jwt 4.6 runs a ServiceLoader lookup per parser
    return new DefaultJWTParser(info, new DefaultJWTCallerPrincipalFactory());
  }

  static JwtConsumer jose4j(Key key, String alg) {
    return new JwtConsumerBuilder()
        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
        .setVerificationKey(key)
        .setExpectedType(false, "JWT")
        .setExpectedIssuer(Tokens.ISSUER)
        .setExpectedAudience(Tokens.AUDIENCE)
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setRequireSubject()
        .setRequireJwtId()
        .setAllowedClockSkewInSeconds(30)
        .build();
  }

  static DefaultJWTProcessor<SecurityContext> nimbus(Key key, JWSAlgorithm alg) {
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    p.setJWSKeySelector(new SingleKeyJWSKeySelector<>(alg, key));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        Tokens.AUDIENCE, new JWTClaimsSet.Builder().issuer(Tokens.ISSUER).build(), REQUIRED);
    claims.setMaxClockSkew(30);
    p.setJWTClaimsSetVerifier(claims);
    return p;
  }
}
