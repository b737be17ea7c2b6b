package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** The {@code kid} of each kind of key: configured, derived from an HMAC secret, or a thumbprint. */
final class KeyIds {

  private KeyIds() {
  }

  /**
   * A configured HMAC kid.
   *
   * @throws IllegalArgumentException unless it is 1 to 64 letters, digits, '.', '_' or '-'
   */
  static String check(String kid) {
    if (kid == null || !kid.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.KEY_ID, kid,
          "must be 1 to 64 letters, digits, '.', '_' or '-', e.g. 2026-11"));
    }
    return kid;
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
  static String derived(byte[] secret, String issuer) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] tag = mac.doFinal(("gatehouse.jwt.key-id:" + issuer).getBytes(StandardCharsets.UTF_8));
      return "hs-" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The kid of a PEM public key: its RFC 7638 thumbprint (SHA-256, base64url). */
  static String thumbprint(PublicKey key) {
    try {
      return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
    } catch (JoseException e) {
      throw new IllegalArgumentException("holds a key whose thumbprint cannot be computed");
    }
  }
}
