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

/**
 * The opaque refresh-token format: base64url of a 16-byte family key, a 4-byte generation
 * (big-endian; 0 for the login's token, one more per rotation) and 32 random bytes — 52 bytes,
 * 70 characters, 384 bits from a CSPRNG. The server reads the family and the generation without a
 * lookup, so a store addresses its family directly and keeps only the current generation's hash:
 * a token of an older generation is recognised as such without being stored.
 *
 * <p>Nothing a token can be rebuilt from is stored: tokens only as their SHA-256, and the family
 * under an id that is a hash of its key (it also names the session in access tokens, as
 * {@code sid}; knowing it does not let anyone make a token of the family, not even a stale one).
 * A successor kept for a grace replay is sealed with AES-256-GCM under a key derived
 * (HKDF-SHA256) from the token that will unseal it — the store alone cannot.
 */
public final class RefreshTokens {

  static final int FAMILY_BYTES = 16;
  static final int GENERATION_BYTES = 4;
  static final int SECRET_BYTES = 32;
  static final int TOKEN_BYTES = FAMILY_BYTES + GENERATION_BYTES + SECRET_BYTES;
  static final int TOKEN_CHARS = 70;
  /** Past this a family cannot rotate (four billion refreshes: never, in practice). */
  static final long LAST_GENERATION = 0xFFFF_FFFFL;
  private static final byte[] SEAL_INFO = "gatehouse refresh-token grace v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FAMILY_ID_LABEL = "gatehouse refresh family v1".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();

  /**
   * A presented or new token, split into what the store needs.
   *
   * @param family the family id (a hash of the family key, 22 characters)
   * @param generation 0 for the login's token, one more per rotation
   * @param hash the SHA-256 of the whole token, the only form a store keeps
   */
  public record Parsed(String token, String family, long generation, String hash, byte[] bytes) {
    @Override
    public String toString() {
      return "RefreshToken[family=" + family + ", generation=" + generation + "]";
    }
  }

  /** A token for a new family. */
  public Parsed newFamily() {
    byte[] family = new byte[FAMILY_BYTES];
    random.nextBytes(family);
    return next(family, 0);
  }

  /** The next token of the family of {@code previous}, one generation on. */
  public Parsed successor(Parsed previous) {
    return next(Arrays.copyOf(previous.bytes(), FAMILY_BYTES), previous.generation() + 1);
  }

  private Parsed next(byte[] family, long generation) {
    if (generation > LAST_GENERATION) {
      throw new IllegalStateException("the family has used up its generations");
    }
    byte[] all = new byte[TOKEN_BYTES];
    System.arraycopy(family, 0, all, 0, FAMILY_BYTES);
    for (int i = 0; i < GENERATION_BYTES; i++) {
      all[FAMILY_BYTES + i] = (byte) (generation >>> (8 * (GENERATION_BYTES - 1 - i)));
    }
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    System.arraycopy(secret, 0, all, FAMILY_BYTES + GENERATION_BYTES, SECRET_BYTES);
    return of(all);
  }

  /**
   * Parses a presented token; anything not of the exact format is empty (an access token, a token
   * of the earlier 64-character format, a non-canonical encoding, a family at its last generation).
   */
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
    Parsed parsed = of(Base64.getUrlDecoder().decode(token));
    // 52 bytes leave 4 spare bits in the last character: only the canonical spelling is the token
    if (!parsed.token().equals(token) || parsed.generation() >= LAST_GENERATION) {
      return Optional.empty();
    }
    return Optional.of(parsed);
  }

  private static Parsed of(byte[] all) {
    String token = B64.encodeToString(all);
    long generation = 0;
    for (int i = 0; i < GENERATION_BYTES; i++) {
      generation = (generation << 8) | (all[FAMILY_BYTES + i] & 0xFF);
    }
    return new Parsed(token, familyId(Arrays.copyOf(all, FAMILY_BYTES)), generation, hash(all),
        all);
  }

  /** The id a family is filed under: not the key itself, so the id cannot make tokens. */
  static String familyId(byte[] familyKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(FAMILY_ID_LABEL);
      return B64.encodeToString(Arrays.copyOf(sha.digest(familyKey), 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
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
      return plain.length == TOKEN_BYTES ? Optional.of(of(plain)) : Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static SecretKeySpec key(Parsed presented) {
    byte[] key = Hkdf.sha256(presented.bytes(), SEAL_INFO, 32);
    try {
      return new SecretKeySpec(key, "AES");
    } finally {
      Arrays.fill(key, (byte) 0); // SecretKeySpec holds its own copy
    }
  }
}
