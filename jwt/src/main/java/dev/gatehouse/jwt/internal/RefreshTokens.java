package dev.gatehouse.jwt.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The opaque refresh-token format: base64url of a 16-byte family id followed by 32 random bytes
 * (384 bits from a CSPRNG), 64 characters. The family id is readable by the server without a
 * lookup, so every store operation can address its family directly; only the SHA-256 of the
 * whole token is ever stored. A successor kept for a grace replay is sealed with AES-256-GCM under
 * a key derived (HKDF-SHA256) from the token that will unseal it — the store alone cannot.
 */
public final class RefreshTokens {

  static final int FAMILY_BYTES = 16;
  static final int SECRET_BYTES = 32;
  static final int TOKEN_CHARS = 64;
  private static final byte[] SEAL_INFO = "gatehouse refresh-token grace v1".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();

  /** A presented or new token, split into what the store needs. */
  public record Parsed(String token, String family, String hash, byte[] bytes) {
    @Override
    public String toString() {
      return "RefreshToken[family=" + family + "]";
    }
  }

  /** A token for a new family. */
  public Parsed newFamily() {
    byte[] family = new byte[FAMILY_BYTES];
    random.nextBytes(family);
    return next(family);
  }

  /** The next token of the family of {@code previous}. */
  public Parsed successor(Parsed previous) {
    return next(Arrays.copyOf(previous.bytes(), FAMILY_BYTES));
  }

  private Parsed next(byte[] family) {
    byte[] all = new byte[FAMILY_BYTES + SECRET_BYTES];
    System.arraycopy(family, 0, all, 0, FAMILY_BYTES);
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    System.arraycopy(secret, 0, all, FAMILY_BYTES, SECRET_BYTES);
    return of(all);
  }

  /** Parses a presented token; anything not of the exact format is empty (an access token too). */
  public Optional<Parsed> parse(String token) {
    if (token == null || token.length() != TOKEN_CHARS) {
      return Optional.empty();
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        return Optional.empty();
      }
    }
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    return Optional.of(of(bytes));
  }

  private static Parsed of(byte[] all) {
    String token = B64.encodeToString(all);
    String family = B64.encodeToString(Arrays.copyOf(all, FAMILY_BYTES));
    return new Parsed(token, family, hash(all), all);
  }

  static String hash(byte[] token) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(token));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Seals {@code successor} so that only {@code presented} can open it. */
  public byte[] seal(Parsed successor, Parsed presented) {
    try {
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key(presented), new GCMParameterSpec(128, iv));
      c.updateAAD(presented.family().getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = c.doFinal(successor.bytes());
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Opens a sealed successor with the presented token; empty if it was not sealed for it. */
  public Optional<Parsed> unseal(byte[] sealed, Parsed presented) {
    if (sealed == null || sealed.length < 12 + 16) {
      return Optional.empty();
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key(presented), new GCMParameterSpec(128, sealed, 0, 12));
      c.updateAAD(presented.family().getBytes(StandardCharsets.US_ASCII));
      byte[] plain = c.doFinal(sealed, 12, sealed.length - 12);
      return Optional.of(of(plain));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static SecretKeySpec key(Parsed presented) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(presented.bytes(), null, SEAL_INFO));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    return new SecretKeySpec(key, "AES");
  }
}
