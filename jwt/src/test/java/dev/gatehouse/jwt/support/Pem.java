package dev.gatehouse.jwt.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Key pairs and their PEM text for tests. */
public final class Pem {

  private Pem() {
  }

  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ec(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A JWKS document with one key and the given parameters ({@code use}, {@code key_ops},
   * {@code alg}; null leaves one out).
   */
  public static String jwks(PublicKey key, String kid, String use, java.util.List<String> keyOps,
      String alg) {
    try {
      org.jose4j.jwk.PublicJsonWebKey jwk = org.jose4j.jwk.PublicJsonWebKey.Factory
          .newPublicJwk(key);
      jwk.setKeyId(kid);
      if (use != null) {
        jwk.setUse(use);
      }
      if (keyOps != null) {
        jwk.setKeyOps(keyOps);
      }
      if (alg != null) {
        jwk.setAlgorithm(alg);
      }
      return "{\"keys\":[" + jwk.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
          + "]}";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RSA public key with this modulus and the exponent 65537. */
  public static PublicKey rsaPublic(java.math.BigInteger modulus) {
    try {
      return java.security.KeyFactory.getInstance("RSA").generatePublic(
          new java.security.spec.RSAPublicKeySpec(modulus, java.math.BigInteger.valueOf(65537)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String of(PrivateKey key) {
    return wrap("PRIVATE KEY", key.getEncoded());
  }

  public static String of(PublicKey key) {
    return wrap("PUBLIC KEY", key.getEncoded());
  }

  private static String wrap(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
