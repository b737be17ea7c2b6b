package dev.gatehouse.compat.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the tokens the suite presents — good ones and attacks — with the JDK alone, so that what
 * is tested is the server's verification, not a client library's opinions.
 */
public final class Tokens {

  public static final String ISSUER = "https://compat.gatehouse.dev";
  public static final String AUDIENCE = "compat";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final byte[] secret;

  private Tokens(byte[] secret) {
    this.secret = secret;
  }

  /** Tokens for a fresh random 256-bit HS256 key. */
  public static Tokens random() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new Tokens(key);
  }

  /** The key as {@code gatehouse.jwt.secret} takes it. */
  public String secretBase64() {
    return Base64.getEncoder().encodeToString(secret);
  }

  /** A valid access token for {@code subject} with {@code roles}. */
  public String valid(String subject, String... roles) {
    return sign("HS256", "HmacSHA256", secret, claims(subject, roles));
  }

  /** The same token signed with HS384 and the right secret: not the pinned algorithm. */
  public String hs384(String subject, String... roles) {
    return sign("HS384", "HmacSHA384", secret, claims(subject, roles));
  }

  /** Signed with another key. */
  public String otherKey(String subject, String... roles) {
    byte[] other = new byte[32];
    RANDOM.nextBytes(other);
    return sign("HS256", "HmacSHA256", other, claims(subject, roles));
  }

  /** {@code "alg":"none"} and no signature. */
  public String unsigned(String subject, String... roles) {
    return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(claims(subject, roles)) + ".";
  }

  /** A subject nobody used before, so each test owns its rate-limit bucket. */
  public static String freshSubject(String prefix) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return prefix + "-" + URL.encodeToString(b);
  }

  private static String claims(String subject, String... roles) {
    long now = Instant.now().getEpochSecond();
    byte[] jti = new byte[12];
    RANDOM.nextBytes(jti);
    String groups = List.of(roles).stream().map(r -> "\"" + r + "\"")
        .collect(Collectors.joining(","));
    return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject
        + "\",\"groups\":[" + groups + "],\"iat\":" + now + ",\"exp\":" + (now + 600)
        + ",\"jti\":\"" + URL.encodeToString(jti) + "\"}";
  }

  private static String sign(String alg, String jca, byte[] key, String claims) {
    String input = part("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + part(claims);
    try {
      Mac mac = Mac.getInstance(jca);
      mac.init(new SecretKeySpec(key, jca));
      return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String part(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
