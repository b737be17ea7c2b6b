package dev.gatehouse.jwt.internal;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A JWKS document (RFC 7517 §5): public keys by their own {@code kid}, each of whose statements
 * and strength the {@link KeyPolicy} checks. Refusals are rules without the property name.
 */
final class JwksKeys {

  private JwksKeys() {
  }

  static Map<String, PublicKey> publicKeys(String json, SignatureAlgorithm alg) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    List<JsonWebKey> all;
    try {
      all = new JsonWebKeySet(json.trim()).getJsonWebKeys();
    } catch (JoseException | RuntimeException e) {
      // jose4j casts what it parsed: {"keys": 5} or {"keys": [5]} is a ClassCastException
      throw new IllegalArgumentException("is not a valid JWKS document");
    }
    for (JsonWebKey jwk : all) {
      if (!(jwk instanceof PublicJsonWebKey p) || jwk.getKeyId() == null) {
        throw new IllegalArgumentException("holds a JWKS key without a kid or that is not a"
            + " public key; every key needs a kid");
      }
      String which = "the JWKS key \"" + KeyPolicy.printable(jwk.getKeyId()) + "\" ";
      KeyPolicy.checkMetadata(jwk, which, alg);
      keys.put(jwk.getKeyId(), KeyPolicy.check(p.getPublicKey(), alg, which));
    }
    return keys;
  }
}
