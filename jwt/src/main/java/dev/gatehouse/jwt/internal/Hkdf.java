package dev.gatehouse.jwt.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) on the JDK's HMAC, without a salt: for keys derived from a secret that is
 * already uniformly random, such as a refresh token's 384 bits. Without a salt, RFC 5869 §2.2
 * extracts with HashLen zero bytes as the HMAC key — the same key as an empty salt, since HMAC pads
 * keys with zeros — so the output is what any HKDF gives for a null or empty salt (Bouncy Castle's,
 * which the jwt module used before; it no longer carries Bouncy Castle).
 *
 * <pre>{@code
 * byte[] key = Hkdf.sha256(token, "gatehouse refresh-token grace v1".getBytes(US_ASCII), 32);
 * }</pre>
 */
final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LEN = 32;

  private Hkdf() {
  }

  /**
   * The first {@code length} bytes of HKDF-Expand(HKDF-Extract(no salt, {@code ikm}),
   * {@code info}).
   *
   * @throws IllegalArgumentException for a length outside 1 to 255 × 32 (RFC 5869 §2.3)
   */
  static byte[] sha256(byte[] ikm, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("HKDF-SHA256 gives 1 to 8160 bytes, not " + length);
    }
    byte[] prk = null;
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(new byte[HASH_LEN], HMAC));
      prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, HMAC));
      byte[] okm = new byte[length];
      byte[] t = new byte[0];
      for (int i = 1, done = 0; done < length; i++) {
        mac.update(t);
        mac.update(info);
        mac.update((byte) i);
        t = mac.doFinal();
        int n = Math.min(t.length, length - done);
        System.arraycopy(t, 0, okm, done, n);
        done += n;
      }
      Arrays.fill(t, (byte) 0);
      return okm;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      if (prk != null) {
        Arrays.fill(prk, (byte) 0);
      }
    }
  }
}
