package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.JwtSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.jose4j.jwk.JsonWebKey;

/**
 * Whether a key is fit for the pinned algorithm, whatever source it came from: an HMAC secret of at
 * least the hash's size (RFC 7518 §3.2), RSA of at least 2048 bits (§3.3) and without the ROCA
 * fingerprint, EC on the algorithm's curve (§3.4), EdDSA on Ed25519/Ed448 (RFC 8037), and a JWKS
 * key whose own statements agree (RFC 7517 §4.2-4.4). Refusals are rules without the property
 * name, which the caller adds; they show no key material.
 */
final class KeyPolicy {

  private KeyPolicy() {
  }

  static boolean isHmac(SignatureAlgorithm alg) {
    return alg.getAlgorithm().startsWith("HS");
  }

  /** The shortest secret for {@code alg}: the size of its hash. */
  static int minSecretBytes(SignatureAlgorithm alg) {
    return switch (alg.getAlgorithm()) {
      case "HS384" -> 48;
      case "HS512" -> 64;
      default -> 32;
    };
  }

  /** @throws IllegalArgumentException when {@code length} bytes are too few for {@code alg} */
  static void checkSecret(int length, SignatureAlgorithm alg) {
    int min = minSecretBytes(alg);
    if (length < min) {
      throw new IllegalArgumentException(JwtSettings.SECRET + ": has " + length + " bytes; "
          + alg.getAlgorithm() + " needs at least " + min + " random bytes (base64), e.g. the"
          + " output of: openssl rand -base64 " + min);
    }
  }

  /**
   * The key suits the pinned algorithm: its type, size or curve, and no ROCA fingerprint.
   *
   * @param which how a refusal names the key: empty, or e.g. {@code the JWKS key "k1" }
   */
  static PublicKey check(PublicKey key, SignatureAlgorithm alg, String which) {
    String name = alg.getAlgorithm();
    if (name.startsWith("RS") || name.startsWith("PS")) {
      if (!(key instanceof RSAPublicKey rsa)) {
        throw new IllegalArgumentException(which + "holds a non-RSA key, but " + name
            + " needs RSA keys");
      }
      if (rsa.getModulus().bitLength() < 2048) {
        throw new IllegalArgumentException(which + "holds an RSA key of "
            + rsa.getModulus().bitLength() + " bits; at least 2048 are required (RFC 7518 §3.3)");
      }
      if (RocaFingerprint.of(rsa.getModulus())) {
        throw new IllegalArgumentException(which + "holds an RSA key with the ROCA fingerprint"
            + " (CVE-2017-15361): its private key can be computed from the public key. Revoke"
            + " it and generate a new key pair outside the affected Infineon chips (firmware"
            + " before 2017)");
      }
    } else if (name.startsWith("ES")) {
      int bits = name.equals("ES256") ? 256 : name.equals("ES384") ? 384 : 521;
      if (!(key instanceof ECPublicKey ec)
          || ec.getParams().getCurve().getField().getFieldSize() != bits) {
        throw new IllegalArgumentException(which + "holds a key that is not on the curve " + name
            + " requires (P-" + bits + ")");
      }
    } else if (name.equals("EdDSA") && !(key instanceof EdECPublicKey)) {
      throw new IllegalArgumentException(which + "holds a key that is not Ed25519/Ed448, as"
          + " EdDSA needs");
    }
    return key;
  }

  /**
   * A JWKS key's own statements must agree with verifying signatures of the pinned algorithm
   * (RFC 7517 §4.2-4.4): not an encryption key, allowed to verify, made for this algorithm.
   */
  static void checkMetadata(JsonWebKey jwk, String which, SignatureAlgorithm alg) {
    String name = alg.getAlgorithm();
    if (jwk.getUse() != null && !jwk.getUse().equals("sig")) {
      throw new IllegalArgumentException(which + "is not a signature key (\"use\": \""
          + printable(jwk.getUse()) + "\"); a key published for encryption must not verify"
          + " tokens: configure the issuer's signature key, with \"use\": \"sig\" or no \"use\"");
    }
    if (jwk.getKeyOps() != null && !jwk.getKeyOps().contains("verify")) {
      throw new IllegalArgumentException(which + "does not allow verification (its \"key_ops\""
          + " lack \"verify\"); configure a key whose key_ops include verify, or that has none");
    }
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(name)) {
      throw new IllegalArgumentException(which + "is for \"alg\": \""
          + printable(jwk.getAlgorithm()) + "\", but " + JwtSettings.ALGORITHM + " is " + name
          + "; one key verifies one algorithm (RFC 8725 §3.1): pin the key's algorithm or use a"
          + " key made for " + name);
    }
  }

  /** A kid or parameter as a message may show it: short printable ASCII, else a placeholder. */
  static String printable(String value) {
    return value.matches("[\\x20-\\x7e&&[^\"\\\\]]{1,64}") ? value : "<unprintable>";
  }
}
