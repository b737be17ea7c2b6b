package dev.gatehouse.jwt.internal;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * The pinned algorithm and its keys, validated: the verification keys by {@code kid} (several
 * during a rotation, in the order configured) and, when this service issues tokens, the signing
 * key with its {@code kid}. Made by {@link KeySetBuilder}; key material never appears in
 * {@link #toString()}.
 */
public final class KeySet {

  private final SignatureAlgorithm algorithm;
  private final Map<String, Key> verificationKeys;
  private final String signingKeyId;
  private final Key signingKey;
  private final Map<String, String> skipped;

  private KeySet(SignatureAlgorithm algorithm, Map<String, ? extends Key> verificationKeys,
      String signingKeyId, Key signingKey, Map<String, String> skipped) {
    this.algorithm = algorithm;
    this.verificationKeys = Collections.unmodifiableMap(new LinkedHashMap<>(verificationKeys));
    this.signingKeyId = signingKeyId;
    this.signingKey = signingKey;
    this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /** An HMAC secret, which both signs and verifies, known as {@code kid}. */
  static KeySet hmac(SignatureAlgorithm algorithm, SecretKey secret, String kid) {
    return new KeySet(algorithm, Map.of(kid, secret), kid, secret, Map.of());
  }

  /**
   * The usable keys of {@code verify} verify; {@code signingKey} (the private half of
   * {@code kid}'s) or null.
   */
  static KeySet asymmetric(SignatureAlgorithm algorithm, JwksKeys.Parsed verify,
      String kid, PrivateKey signingKey) {
    return new KeySet(algorithm, verify.keys(), kid, signingKey, verify.skipped());
  }

  /**
   * The keys of the source that do not verify here, each (its kid, or {@code #n} for the n-th
   * key without one) with the reason; they are not part of the set.
   */
  public Map<String, String> skipped() {
    return skipped;
  }

  /**
   * Whether a token signed with the signing key verifies with the verification key of its kid —
   * a private key paired with the wrong public key would sign tokens every instance refuses.
   */
  boolean signingKeyMatches() {
    try {
      String probe = Jwt.claims().subject("probe").issuer("probe").jws().keyId(signingKeyId)
          .algorithm(algorithm).sign((PrivateKey) signingKey);
      JWTAuthContextInfo info = new JWTAuthContextInfo(
          (PublicKey) verificationKeys.get(signingKeyId), "probe");
      info.setSignatureAlgorithm(Set.of(algorithm));
      new DefaultJWTParser(info).parse(probe);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The keys tokens are verified with, by kid: public keys, or the HMAC secret. */
  public Map<String, Key> verificationKeys() {
    return verificationKeys;
  }

  public Optional<String> signingKeyId() {
    return Optional.ofNullable(signingKeyId);
  }

  /** The private key or HMAC secret this service signs with; empty when it only verifies. */
  public Optional<Key> signingKey() {
    return Optional.ofNullable(signingKey);
  }

  @Override
  public String toString() {
    return "JwtKeys[" + algorithm.getAlgorithm() + ", kids " + List.copyOf(verificationKeys.keySet())
        + (signingKey == null ? ", verify only" : ", signing " + signingKeyId) + "]";
  }
}
