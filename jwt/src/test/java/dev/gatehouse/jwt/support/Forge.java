package dev.gatehouse.jwt.support;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.keys.HmacKey;

/**
 * Builds the tokens an attacker would send: any header, any claims, any algorithm, any key —
 * signed with jose4j with every safety off. Test code only.
 */
public final class Forge {

  private final Map<String, Object> header = new LinkedHashMap<>();
  private final Map<String, Object> claims = new LinkedHashMap<>();
  private Key key;

  private Forge() {
  }

  /** A token the HS256 server with {@code secretBase64} accepts, until changed. */
  public static Forge valid(String secretBase64, Instant now) {
    byte[] secret = Base64.getDecoder().decode(secretBase64);
    Forge f = new Forge();
    f.header.put("alg", "HS256");
    f.header.put("typ", "JWT");
    f.header.put("kid", hmacKid(secret));
    f.key = new HmacKey(secret);
    f.claims.put("iss", Servers.ISSUER);
    f.claims.put("aud", Servers.AUDIENCE);
    f.claims.put("sub", "alice");
    f.claims.put("groups", List.of("user"));
    f.claims.put("iat", now.getEpochSecond());
    f.claims.put("exp", now.getEpochSecond() + 600);
    byte[] jti = new byte[12];
    new SecureRandom().nextBytes(jti);
    f.claims.put("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(jti));
    return f;
  }

  /**
   * No header member, no claim and no key: for a token whose every member the caller sets, as
   * {@link ProviderFixtures} does to shape tokens as a provider documents them.
   */
  public static Forge empty() {
    return new Forge();
  }

  /**
   * The kid Gatehouse derives for an HMAC secret under the tests' issuer: {@code hs-} and 48 bits
   * of HMAC-SHA256(secret, "gatehouse.jwt.key-id:" + issuer), base64url.
   */
  public static String hmacKid(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] tag = mac.doFinal(("gatehouse.jwt.key-id:" + Servers.ISSUER)
          .getBytes(StandardCharsets.UTF_8));
      return "hs-" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the kid was before: a prefix of the secret's bare SHA-256, 72 bits of it. */
  public static String sha256Kid(byte[] secret) {
    try {
      return "hs-" + Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(secret)).substring(0, 12);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Forge header(String name, Object value) {
    header.put(name, value);
    return this;
  }

  public Forge withoutHeader(String name) {
    header.remove(name);
    return this;
  }

  public Forge claim(String name, Object value) {
    claims.put(name, value);
    return this;
  }

  public Forge without(String name) {
    claims.remove(name);
    return this;
  }

  /** The claims as they stand, to read (e.g. {@code iat}) or change in place. */
  public Map<String, Object> claims() {
    return claims;
  }

  public Forge key(Key signingKey) {
    this.key = signingKey;
    return this;
  }

  /** Signs with the {@code alg} header's algorithm and the current key. */
  public String sign() {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
      jws.setDoKeyValidation(false);
      header.forEach((k, v) -> jws.getHeaders().setObjectHeaderValue(k, v));
      jws.setPayload(JsonUtil.toJson(claims));
      jws.setKey(key);
      return jws.getCompactSerialization();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Header and payload as given and an empty signature: what {@code alg: none} looks like. */
  public String unsigned() {
    return b64(JsonUtil.toJson(header)) + "." + b64(JsonUtil.toJson(claims)) + ".";
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
