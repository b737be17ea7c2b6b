package dev.gatehouse.jwt.internal;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PEM keys: public keys ({@code -----BEGIN PUBLIC KEY-----}, several in a row during a rotation),
 * each known by its RFC 7638 thumbprint, and the PKCS#8 private key this service signs with.
 * Refusals are rules without the property name.
 */
final class PemKeys {

  private static final String BEGIN_PUBLIC = "-----BEGIN PUBLIC KEY-----";

  private PemKeys() {
  }

  /** Whether {@code text} is PEM rather than a JWKS document. */
  static boolean isPem(String text) {
    return !text.trim().startsWith("{");
  }

  /** The public keys by thumbprint, each checked by the {@link KeyPolicy}. */
  static Map<String, PublicKey> publicKeys(String text, SignatureAlgorithm alg) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    for (String block : text.trim().split("(?=" + BEGIN_PUBLIC + ")")) {
      if (block.isBlank()) {
        continue;
      }
      PublicKey key;
      try {
        key = KeyUtils.decodePublicKey(block.trim(), alg);
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new IllegalArgumentException("holds something that is not a PEM public key for "
            + alg.getAlgorithm() + " (" + BEGIN_PUBLIC + ")");
      }
      keys.put(KeyIds.thumbprint(key), KeyPolicy.check(key, alg, ""));
    }
    return keys;
  }

  /** The PKCS#8 private key in {@code pem}. */
  static PrivateKey privateKey(String pem, SignatureAlgorithm alg) {
    try {
      return KeyUtils.decodePrivateKey(pem, alg);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("is not a PKCS#8 PEM private key for "
          + alg.getAlgorithm() + " (-----BEGIN PRIVATE KEY-----)");
    }
  }
}
