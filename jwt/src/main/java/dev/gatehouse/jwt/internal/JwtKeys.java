package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.JwtSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The pinned algorithm and its keys: the verification keys by {@code kid} (several during a
 * rotation) and, when this service issues tokens, the signing key with its {@code kid}. Key
 * material never appears in {@link #toString()} or in a message.
 */
public final class JwtKeys {

  public static final String SECRET = "gatehouse.jwt.secret";
  public static final String SECRET_FILE = "gatehouse.jwt.secret-file";
  public static final String SIGN_KEY = "gatehouse.jwt.sign-key";
  public static final String SIGN_KEY_FILE = "gatehouse.jwt.sign-key-file";
  public static final String SIGN_KEY_ID = "gatehouse.jwt.sign-key-id";
  public static final String VERIFY_KEYS = "gatehouse.jwt.verify-keys";
  public static final String VERIFY_KEYS_FILE = "gatehouse.jwt.verify-keys-file";
  public static final String KEY_ID = "gatehouse.jwt.key-id";

  private final SignatureAlgorithm algorithm;
  private final Map<String, Key> verificationKeys;
  private final String signingKeyId;
  private final Key signingKey;

  private JwtKeys(SignatureAlgorithm algorithm, Map<String, Key> verificationKeys,
      String signingKeyId, Key signingKey) {
    this.algorithm = algorithm;
    this.verificationKeys = Map.copyOf(verificationKeys);
    this.signingKeyId = signingKeyId;
    this.signingKey = signingKey;
  }

  /**
   * Keys for an HMAC algorithm from raw secret bytes (at least 32/48/64 for HS256/384/512), with
   * the key id {@code kid} (see {@link #derivedKeyId}).
   */
  public static JwtKeys hmac(SignatureAlgorithm algorithm, byte[] secret, String kid) {
    int min = minSecretBytes(algorithm);
    if (secret.length < min) {
      throw new IllegalArgumentException(SECRET + ": has " + secret.length + " bytes; "
          + algorithm.getAlgorithm() + " needs at least " + min + " random bytes (base64), e.g. the"
          + " output of: openssl rand -base64 " + min);
    }
    SecretKey key = new SecretKeySpec(secret, "Hmac" + algorithm.getAlgorithm().replace("HS", "SHA"));
    return new JwtKeys(algorithm, Map.of(kid, key), kid, key);
  }

  /**
   * The {@code kid} of an HMAC secret when {@code gatehouse.jwt.key-id} is not set: {@code hs-}
   * and 48 bits of HMAC-SHA256(secret, {@code "gatehouse.jwt.key-id:" + issuer}), base64url.
   *
   * <p>Every instance that shares the secret and the issuer derives the same kid, so they accept
   * each other's tokens across restarts (a random kid per process would not, unless the kid were
   * ignored); a new secret gets a new kid. It is not a hash of the bare secret, which would be a
   * fingerprint of it in every token: nothing can be looked up in a table of known secrets'
   * hashes, the same secret gives different kids under different issuers, and checking a guessed
   * secret against the kid costs one HMAC — what checking it against any token's signature
   * already costs — so the kid tells no more than a token does. 48 bits tell keys apart.
   */
  public static String derivedKeyId(byte[] secret, String issuer) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] tag = mac.doFinal(("gatehouse.jwt.key-id:" + issuer).getBytes(StandardCharsets.UTF_8));
      return "hs-" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the keys of the pinned algorithm, recording every problem in {@code in}.
   *
   * @param issuer the configured issuer, which the derived HMAC kid depends on
   */
  public static JwtKeys read(ConfigReader in, SignatureAlgorithm alg, String issuer) {
    boolean hmac = alg.getAlgorithm().startsWith("HS");
    Optional<String> secret = valueOrFile(in, SECRET, SECRET_FILE);
    Optional<String> signKey = valueOrFile(in, SIGN_KEY, SIGN_KEY_FILE);
    Optional<String> verifyKeys = valueOrFile(in, VERIFY_KEYS, VERIFY_KEYS_FILE);
    Optional<String> keyId = in.string(KEY_ID);
    if (keyId.isPresent() && !hmac) {
      in.problem(KEY_ID, keyId.get(), "names the HMAC secret's key, but " + alg.getAlgorithm()
          + " takes keys from " + VERIFY_KEYS + " (a PEM key's kid is its RFC 7638 thumbprint,"
          + " a JWKS key carries its own); choose the signing key with " + SIGN_KEY_ID);
    } else if (keyId.isPresent() && !keyId.get().matches("[A-Za-z0-9._-]{1,64}")) {
      in.problem(KEY_ID, keyId.get(), "must be 1 to 64 letters, digits, '.', '_' or '-', e.g."
          + " 2026-11");
      keyId = Optional.empty();
    }
    if (hmac) {
      if (signKey.isPresent() || verifyKeys.isPresent()) {
        in.secretProblem(SIGN_KEY, "and " + VERIFY_KEYS + " are for asymmetric algorithms; with "
            + alg.getAlgorithm() + " set only " + SECRET + " (or " + SECRET_FILE + ")");
      }
      if (secret.isEmpty()) {
        in.secretProblem(SECRET, "is required for " + alg.getAlgorithm() + ": set it to at least "
            + minSecretBytes(alg) + " random bytes in base64 (openssl rand -base64 "
            + minSecretBytes(alg) + "), or mount a file and set " + SECRET_FILE);
        return null;
      }
      byte[] bytes;
      try {
        bytes = decodeBase64(secret.get());
      } catch (IllegalArgumentException e) {
        in.secretProblem(SECRET, "is not base64 or base64url; generate one with openssl rand"
            + " -base64 " + minSecretBytes(alg));
        return null;
      }
      String kid = keyId.orElseGet(() -> derivedKeyId(bytes, String.valueOf(issuer)));
      return in.attempt(() -> hmac(alg, bytes, kid)).orElse(null);
    }
    if (secret.isPresent()) {
      in.secretProblem(SECRET, "is for HS256/384/512; with " + alg.getAlgorithm() + " set "
          + VERIFY_KEYS + " (public keys) and, to issue tokens, " + SIGN_KEY);
    }
    if (verifyKeys.isEmpty()) {
      in.secretProblem(VERIFY_KEYS, "is required for " + alg.getAlgorithm() + ": set it (or "
          + VERIFY_KEYS_FILE + ") to PEM public keys or a JWKS document");
      return null;
    }
    Map<String, Key> verify = new LinkedHashMap<>();
    try {
      verify.putAll(parseVerificationKeys(verifyKeys.get(), alg));
    } catch (IllegalArgumentException e) {
      in.secretProblem(VERIFY_KEYS, e.getMessage());
      return null;
    }
    if (signKey.isEmpty()) {
      return new JwtKeys(alg, verify, null, null);
    }
    PrivateKey privateKey;
    try {
      privateKey = KeyUtils.decodePrivateKey(signKey.get(), alg);
    } catch (GeneralSecurityException | RuntimeException e) {
      in.secretProblem(SIGN_KEY, "is not a PKCS#8 PEM private key for " + alg.getAlgorithm()
          + " (-----BEGIN PRIVATE KEY-----)");
      return null;
    }
    String kid = in.string(SIGN_KEY_ID).orElse(verify.size() == 1
        ? verify.keySet().iterator().next() : null);
    if (kid == null || !verify.containsKey(kid)) {
      in.problem(SIGN_KEY_ID, String.valueOf(kid), "must name one of the verification keys "
          + verify.keySet() + ", the public half of " + SIGN_KEY);
      return null;
    }
    JwtKeys keys = new JwtKeys(alg, verify, kid, privateKey);
    if (!keys.signingKeyMatches()) {
      in.problem(SIGN_KEY_ID, kid, "names a verification key that is not the public half of "
          + SIGN_KEY + "; tokens signed with it would be refused");
      return null;
    }
    return keys;
  }

  private boolean signingKeyMatches() {
    try {
      String probe = Jwt.claims().subject("probe").issuer("probe").jws().keyId(signingKeyId)
          .algorithm(algorithm).sign((PrivateKey) signingKey);
      io.smallrye.jwt.auth.principal.JWTAuthContextInfo info =
          new io.smallrye.jwt.auth.principal.JWTAuthContextInfo(
              (PublicKey) verificationKeys.get(signingKeyId), "probe");
      info.setSignatureAlgorithm(java.util.Set.of(algorithm));
      new io.smallrye.jwt.auth.principal.DefaultJWTParser(info).parse(probe);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  static Map<String, Key> parseVerificationKeys(String text, SignatureAlgorithm alg) {
    Map<String, Key> keys = new LinkedHashMap<>();
    String trimmed = text.trim();
    if (trimmed.startsWith("{")) {
      try {
        for (JsonWebKey jwk : new JsonWebKeySet(trimmed).getJsonWebKeys()) {
          if (!(jwk instanceof PublicJsonWebKey p) || jwk.getKeyId() == null) {
            throw new IllegalArgumentException("holds a JWKS key without a kid or that is not a"
                + " public key; every key needs a kid");
          }
          String key = "the JWKS key \"" + printable(jwk.getKeyId()) + "\" ";
          checkMetadata(jwk, key, alg);
          keys.put(jwk.getKeyId(), check(p.getPublicKey(), alg, key));
        }
      } catch (JoseException e) {
        throw new IllegalArgumentException("is not a valid JWKS document");
      }
    } else {
      for (String block : trimmed.split("(?=-----BEGIN PUBLIC KEY-----)")) {
        if (block.isBlank()) {
          continue;
        }
        PublicKey key;
        try {
          key = KeyUtils.decodePublicKey(block.trim(), alg);
        } catch (GeneralSecurityException | RuntimeException e) {
          throw new IllegalArgumentException("holds something that is not a PEM public key for "
              + alg.getAlgorithm() + " (-----BEGIN PUBLIC KEY-----)");
        }
        keys.put(thumbprint(key), check(key, alg, ""));
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("holds no key");
    }
    return keys;
  }

  /**
   * A JWKS key's own statements must agree with verifying signatures of the pinned algorithm
   * (RFC 7517 §4.2-4.4): not an encryption key, allowed to verify, made for this algorithm.
   */
  private static void checkMetadata(JsonWebKey jwk, String key, SignatureAlgorithm alg) {
    String name = alg.getAlgorithm();
    if (jwk.getUse() != null && !jwk.getUse().equals("sig")) {
      throw new IllegalArgumentException(key + "is not a signature key (\"use\": \""
          + printable(jwk.getUse()) + "\"); a key published for encryption must not verify"
          + " tokens: configure the issuer's signature key, with \"use\": \"sig\" or no \"use\"");
    }
    if (jwk.getKeyOps() != null && !jwk.getKeyOps().contains("verify")) {
      throw new IllegalArgumentException(key + "does not allow verification (its \"key_ops\""
          + " lack \"verify\"); configure a key whose key_ops include verify, or that has none");
    }
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(name)) {
      throw new IllegalArgumentException(key + "is for \"alg\": \""
          + printable(jwk.getAlgorithm()) + "\", but " + JwtSettings.ALGORITHM + " is " + name
          + "; one key verifies one algorithm (RFC 8725 §3.1): pin the key's algorithm or use a"
          + " key made for " + name);
    }
  }

  /** The key suits the pinned algorithm: its type, size or curve, and no ROCA fingerprint. */
  private static PublicKey check(PublicKey key, SignatureAlgorithm alg, String which) {
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

  /** A kid or parameter as a message may show it: short printable ASCII, else a placeholder. */
  private static String printable(String value) {
    return value.matches("[\\x20-\\x7e&&[^\"\\\\]]{1,64}") ? value : "<unprintable>";
  }

  static String thumbprint(PublicKey key) {
    try {
      return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
    } catch (JoseException e) {
      throw new IllegalArgumentException("holds a key whose thumbprint cannot be computed");
    }
  }

  private static Optional<String> valueOrFile(ConfigReader in, String property, String fileProperty) {
    Optional<String> value = in.string(property);
    Optional<String> file = in.string(fileProperty);
    if (value.isPresent() && file.isPresent()) {
      in.secretProblem(property, "and " + fileProperty + " are both set; keep one");
      return Optional.empty();
    }
    if (file.isPresent()) {
      try {
        return Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).trim());
      } catch (IOException | RuntimeException e) {
        in.problem(fileProperty, file.get(), "cannot be read; mount the secret there or fix the"
            + " path");
        return Optional.empty();
      }
    }
    return value;
  }

  static byte[] decodeBase64(String text) {
    String s = text.replaceAll("\\s", "").replace('-', '+').replace('_', '/');
    return Base64.getDecoder().decode(s);
  }

  static int minSecretBytes(SignatureAlgorithm alg) {
    return switch (alg.getAlgorithm()) {
      case "HS384" -> 48;
      case "HS512" -> 64;
      default -> 32;
    };
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  public Map<String, Key> verificationKeys() {
    return verificationKeys;
  }

  public Optional<String> signingKeyId() {
    return Optional.ofNullable(signingKeyId);
  }

  public Optional<Key> signingKey() {
    return Optional.ofNullable(signingKey);
  }

  public boolean canSign() {
    return signingKey != null;
  }

  @Override
  public String toString() {
    return "JwtKeys[" + algorithm.getAlgorithm() + ", kids " + List.copyOf(verificationKeys.keySet())
        + (signingKeyId == null ? ", verify only" : ", signing " + signingKeyId) + "]";
  }
}
