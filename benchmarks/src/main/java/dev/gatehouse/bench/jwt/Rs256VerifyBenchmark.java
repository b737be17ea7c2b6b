package dev.gatehouse.bench.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.internal.BenchJwt;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * RS256 with a 2048-bit key. Signing is slow, so the pool is smaller than HS256's:
 * {@code -Dbench.rs256.pool} (default 2^15, four times the verifier's kept tokens: the set-up
 * refuses a pool it could keep whole, which would measure the cache, not first verifications).
 */
public class Rs256VerifyBenchmark extends VerifyBenchmark {

  private PublicKey key;

  @Override
  Fixture fixture() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    key = pair.getPublic();
    String[] pool = Tokens.pool(new RSASSASigner(pair.getPrivate()), JWSAlgorithm.RS256,
        poolSize("bench.rs256.pool", 1 << 15));
    JwtSettings settings = JwtSettings.builder()
        .issuer(Tokens.ISSUER)
        .audience(Tokens.AUDIENCE)
        .algorithm("RS256")
        .verificationKeys(List.of(key))
        .accessTokenTtl(Tokens.TTL)
        .build();
    return new Fixture(pool, BenchJwt.verifier(settings),
        Rivals.smallrye(key, SignatureAlgorithm.RS256),
        Rivals.jose4j(key, AlgorithmIdentifiers.RSA_USING_SHA256),
        Rivals.nimbus(key, JWSAlgorithm.RS256));
  }

  @Override
  boolean rawJca(RawState raw, String token) throws Exception {
    if (raw.jca == null) {
      raw.jca = Signature.getInstance("SHA256withRSA");
    }
    Signature signature = (Signature) raw.jca;
    signature.initVerify(key);
    int first = token.indexOf('.');
    int last = token.lastIndexOf('.');
    signature.update(token.substring(0, last).getBytes(StandardCharsets.US_ASCII));
    return signature.verify(Base64.getUrlDecoder().decode(token.substring(last + 1)))
        && notExpired(token, first, last);
  }
}
