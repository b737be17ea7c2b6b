package dev.gatehouse.bench.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.internal.BenchJwt;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;

/** HS256 with a 32-byte key; pool size {@code -Dbench.hs256.pool} (default 2^17). */
public class Hs256VerifyBenchmark extends VerifyBenchmark {

  private SecretKey key;

  @Override
  Fixture fixture() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    key = new SecretKeySpec(secret, "HmacSHA256");
    String[] pool = Tokens.pool(new MACSigner(secret), JWSAlgorithm.HS256,
        poolSize("bench.hs256.pool", Tokens.POOL));
    JwtSettings settings = JwtSettings.builder()
        .issuer(Tokens.ISSUER)
        .audience(Tokens.AUDIENCE)
        .algorithm("HS256")
        .hmacSecret(secret)
        .accessTokenTtl(Tokens.TTL)
        .build();
    return new Fixture(pool, BenchJwt.verifier(settings),
        Rivals.smallrye(key, SignatureAlgorithm.HS256),
        Rivals.jose4j(new org.jose4j.keys.HmacKey(secret), AlgorithmIdentifiers.HMAC_SHA256),
        Rivals.nimbus(key, JWSAlgorithm.HS256));
  }

  @Override
  boolean rawJca(RawState raw, String token) throws Exception {
    if (raw.jca == null) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      raw.jca = mac;
    }
    Mac mac = (Mac) raw.jca;
    int first = token.indexOf('.');
    int last = token.lastIndexOf('.');
    byte[] expected = mac.doFinal(token.substring(0, last).getBytes(StandardCharsets.US_ASCII));
    byte[] actual = Base64.getUrlDecoder().decode(token.substring(last + 1));
    return MessageDigest.isEqual(expected, actual) && notExpired(token, first, last);
  }
}
