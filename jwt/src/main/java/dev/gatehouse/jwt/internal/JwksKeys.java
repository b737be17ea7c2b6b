package dev.gatehouse.jwt.internal;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A JWKS document (RFC 7517 §5) as identity providers publish it: beside the signature key they
 * list encryption keys, keys for other algorithms during a migration, sometimes keys no rule
 * would accept. Each key the {@link KeyPolicy} declines for the pinned algorithm is skipped with
 * its reason, and the keys that remain are the set — one unusable key never makes the whole
 * document unusable, which would keep a withdrawn key in force (the provider's new document
 * refused, the old set kept).
 *
 * <p>A key is skipped when it is not a public key, carries private material, says it is not for
 * signatures ({@code use}, {@code key_ops}), names another {@code alg}, is of another type or
 * curve, is too small or has the ROCA fingerprint, has no {@code kid} while the document holds
 * several keys, or shares its {@code kid} with another usable key. A key carrying {@code x5c} or
 * {@code x5t} is judged by its own parameters; the certificate never selects a key for a token.
 * A lone key without a {@code kid} is known by its RFC 7638 thumbprint, as a PEM key is.
 */
final class JwksKeys {

  /**
   * What a document holds.
   *
   * @param keys the usable keys by kid, in document order
   * @param skipped each declined key (its kid, or {@code #n} for the n-th key without one) and
   *     why, in document order
   */
  record Parsed(Map<String, PublicKey> keys, Map<String, String> skipped) {

    /** The reasons, as one sentence, for a document none of whose keys is usable. */
    String whyNone() {
      List<String> each = new ArrayList<>();
      skipped.forEach((which, why) -> each.add(label(which) + why));
      return each.isEmpty() ? "holds no key" : "holds no key usable here: " + String.join("; ", each);
    }

    static String label(String which) {
      return which.startsWith("#") ? "the JWKS key " + which + " "
          : "the JWKS key \"" + KeyPolicy.printable(which) + "\" ";
    }
  }

  private JwksKeys() {
  }

  /**
   * @throws IllegalArgumentException when the text is not a JWKS document (a JSON object whose
   *     {@code keys} is an array); a document without a usable key is not refused here
   */
  static Parsed parse(String json, SignatureAlgorithm alg) {
    List<?> entries;
    try {
      Object keys = JsonUtil.parseJson(json.trim()).get("keys");
      if (!(keys instanceof List<?> list)) {
        throw new IllegalArgumentException("is not a valid JWKS document");
      }
      entries = list;
    } catch (JoseException | RuntimeException e) {
      throw new IllegalArgumentException("is not a valid JWKS document");
    }
    Map<String, PublicKey> usable = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    List<String> shared = new ArrayList<>();
    int n = 0;
    for (Object entry : entries) {
      n++;
      String kid = entry instanceof Map<?, ?> m && m.get("kid") instanceof String s ? s : null;
      String which = kid != null ? kid : "#" + n;
      String why = decline(entry, kid, entries.size(), alg, usable);
      if (why == null) {
        continue;
      }
      if (why.equals(SHARED_KID)) {
        shared.add(kid);
      }
      skipped.merge(which, why, (a, b) -> a);
    }
    for (String kid : shared) {
      usable.remove(kid);
      skipped.put(kid, SHARED_KID);
    }
    return new Parsed(usable, skipped);
  }

  private static final String SHARED_KID = "is published under a kid another key has too;"
      + " a token's kid must name one key";

  /** Null when {@code entry} was added to {@code usable}; else why it is skipped. */
  @SuppressWarnings("unchecked")
  private static String decline(Object entry, String kid, int published, SignatureAlgorithm alg,
      Map<String, PublicKey> usable) {
    if (!(entry instanceof Map<?, ?> map)) {
      return "is not a JSON object";
    }
    JsonWebKey jwk;
    try {
      jwk = JsonWebKey.Factory.newJwk((Map<String, Object>) map);
    } catch (JoseException | RuntimeException e) {
      // an unknown kty or curve, or parameters jose4j cannot read: not a key for us
      return "cannot be read as a key (kty \"" + printable(map.get("kty")) + "\")";
    }
    if (!(jwk instanceof PublicJsonWebKey p)) {
      return "is not a public key (kty \"" + printable(map.get("kty")) + "\")";
    }
    if (p.getPrivateKey() != null) {
      return "carries private key material, which a published key set must never hold";
    }
    if (kid == null && published > 1) {
      return "has no kid, and the document holds several keys: a token could not name it";
    }
    String which = "";
    try {
      KeyPolicy.checkMetadata(jwk, which, alg);
      KeyPolicy.check(p.getPublicKey(), alg, which);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    String id = kid != null ? kid : KeyIds.thumbprint(p.getPublicKey());
    if (usable.containsKey(id)) {
      return SHARED_KID;
    }
    usable.put(id, p.getPublicKey());
    return null;
  }

  private static String printable(Object value) {
    return value instanceof String s ? KeyPolicy.printable(s) : "<none>";
  }
}
