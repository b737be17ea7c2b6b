package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.JwtSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key half of {@link JwtSettings.Builder}: each setter checks what it can under the algorithm
 * chosen so far (key material for another kind of algorithm waits for {@link #build}), and
 * {@link #build} checks the whole against the final algorithm — the same refusals whether the
 * material came from a property, a file or code. Refusals name the property, never the material.
 */
public final class KeySetBuilder {

  private static final String ALGORITHMS = "use one of HS256, HS384, HS512, RS256, RS384, RS512,"
      + " PS256, PS384, PS512, ES256, ES384, ES512, EdDSA";

  private SignatureAlgorithm algorithm = SignatureAlgorithm.HS256;
  private boolean algorithmSet;
  private Function<SignatureAlgorithm, SecretKey> secret;
  private String keyId;
  private Function<SignatureAlgorithm, JwksKeys.Parsed> verification;
  private Function<SignatureAlgorithm, PrivateKey> signing;
  private String signingKeyId;
  private URI url;

  /**
   * @throws IllegalArgumentException for a name that is not a supported signature algorithm
   */
  public void algorithm(String name) {
    for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
      if (a.getAlgorithm().equals(name)) {
        algorithm(a);
        return;
      }
    }
    throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.ALGORITHM, name,
        "is not a supported signature algorithm; " + ALGORITHMS));
  }

  public void algorithm(SignatureAlgorithm alg) {
    if (alg == null) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.ALGORITHM, null,
          "is not a signature algorithm; " + ALGORITHMS));
    }
    this.algorithm = alg;
    this.algorithmSet = true;
  }

  /** The algorithm, unless one was set. */
  public void defaultAlgorithm(SignatureAlgorithm alg) {
    if (!algorithmSet) {
      this.algorithm = alg;
    }
  }

  /** Whether the algorithm chosen so far is HS256/384/512. */
  public boolean isHmac() {
    return KeyPolicy.isHmac(algorithm);
  }

  /** Whether a secret, a signing key, verification keys or a JWKS URL has been given. */
  public boolean hasKeyMaterial() {
    return secret != null || signing != null || verification != null || url != null;
  }

  /** A secret in base64 or base64url, whitespace ignored. */
  public void hmacSecret(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(Objects.requireNonNull(base64).replaceAll("\\s", "")
          .replace('-', '+').replace('_', '/'));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(JwtSettings.SECRET + ": is not base64 or base64url;"
          + " generate one with openssl rand -base64 " + KeyPolicy.minSecretBytes(algorithm));
    }
    hmacSecret(bytes);
  }

  public void hmacSecret(byte[] bytes) {
    byte[] copy = Objects.requireNonNull(bytes, JwtSettings.SECRET).clone();
    hmacSecret(alg -> new SecretKeySpec(copy, "Hmac" + alg.getAlgorithm().replace("HS", "SHA")),
        copy.length);
  }

  /** A secret held elsewhere (a key store, say); it must be exportable, to be checked. */
  public void hmacSecret(SecretKey key) {
    byte[] encoded = key == null ? null : key.getEncoded();
    if (encoded == null) {
      throw new IllegalArgumentException(JwtSettings.SECRET + ": is a key whose bytes cannot be"
          + " read, so its strength cannot be checked; export it or pass its bytes");
    }
    hmacSecret(alg -> key, encoded.length);
  }

  private void hmacSecret(Function<SignatureAlgorithm, SecretKey> key, int length) {
    if (KeyPolicy.isHmac(algorithm)) {
      KeyPolicy.checkSecret(length, algorithm);
    }
    this.secret = alg -> {
      KeyPolicy.checkSecret(length, alg);
      return key.apply(alg);
    };
  }

  /** The kid of the HMAC secret, instead of the derived one. */
  public void keyId(String kid) {
    this.keyId = KeyIds.check(kid);
  }

  /** PEM public keys (each known by its RFC 7638 thumbprint) or a JWKS document. */
  public void verificationKeys(String pemOrJwks) {
    String text = Objects.requireNonNull(pemOrJwks, JwtSettings.VERIFY_KEYS);
    verification(alg -> {
      try {
        return usable(PemKeys.isPem(text)
            ? new JwksKeys.Parsed(PemKeys.publicKeys(text, alg), Map.of())
            : JwksKeys.parse(text, alg));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(JwtSettings.VERIFY_KEYS + ": " + e.getMessage());
      }
    });
  }

  /** Public keys, each known by its RFC 7638 thumbprint (as a PEM key is). */
  public void verificationKeys(List<PublicKey> keys) {
    List<PublicKey> copy = List.copyOf(keys);
    verification(alg -> {
      Map<String, PublicKey> byKid = new LinkedHashMap<>();
      try {
        copy.forEach(k -> byKid.put(KeyIds.thumbprint(k), KeyPolicy.check(k, alg, "")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(JwtSettings.VERIFY_KEYS + ": " + e.getMessage());
      }
      if (byKid.isEmpty()) {
        throw new IllegalArgumentException(JwtSettings.VERIFY_KEYS + ": holds no key");
      }
      return new JwksKeys.Parsed(byKid, Map.of());
    });
  }

  /** @throws IllegalArgumentException when no key of the document is usable, saying why */
  private static JwksKeys.Parsed usable(JwksKeys.Parsed parsed) {
    if (parsed.keys().isEmpty()) {
      throw new IllegalArgumentException(parsed.whyNone());
    }
    return parsed;
  }

  private void verification(Function<SignatureAlgorithm, JwksKeys.Parsed> parse) {
    if (!KeyPolicy.isHmac(algorithm)) {
      parse.apply(algorithm);
    }
    this.verification = parse;
    this.url = null;
  }

  /**
   * A JWKS published at a URL ({@link JwksUrl#check checked}), fetched by {@link #build} and
   * fetched again by {@link KeyRing} while the service runs; replaces keys set before.
   */
  public void verificationKeysUrl(URI jwksUrl) {
    this.url = Objects.requireNonNull(jwksUrl, JwtSettings.VERIFY_KEYS_URL);
    this.verification = null;
  }

  /** The JWKS URL set, or null. */
  public URI verificationKeysUrl() {
    return url;
  }

  /**
   * The public keys published at {@code url} now that are usable under {@code alg}, and those
   * skipped.
   *
   * @throws IllegalArgumentException naming the property and the URL: unreachable, not a JWKS,
   *     or no key the {@link KeyPolicy} accepts
   */
  static JwksKeys.Parsed fetch(URI url, Duration timeout, SignatureAlgorithm alg) {
    String jwks = JwksUrl.fetch(url, timeout);
    try {
      return usable(JwksKeys.parse(jwks, alg));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.VERIFY_KEYS_URL, url,
          "serves a document that cannot be used: it " + e.getMessage()));
    }
  }

  /**
   * The key set {@code active} becomes with the verification keys now published at {@code url}:
   * the same algorithm and signing key, whose kid must still be published with its public half.
   *
   * @throws IllegalArgumentException as {@link #fetch}, or when the signing key's public half is
   *     no longer published
   */
  static KeySet refetch(KeySet active, URI url, Duration timeout) {
    JwksKeys.Parsed verify = fetch(url, timeout, active.algorithm());
    if (active.signingKey().isEmpty()) {
      return KeySet.asymmetric(active.algorithm(), verify, null, null);
    }
    return signingWith(active.algorithm(), verify, active.signingKeyId().orElseThrow(),
        (PrivateKey) active.signingKey().get());
  }

  /** The PKCS#8 PEM private key this service signs with. */
  public void signingKey(String pem) {
    String text = Objects.requireNonNull(pem, JwtSettings.SIGN_KEY);
    signing(alg -> {
      try {
        return PemKeys.privateKey(text, alg);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(JwtSettings.SIGN_KEY + ": " + e.getMessage());
      }
    });
  }

  public void signingKey(PrivateKey key) {
    PrivateKey k = Objects.requireNonNull(key, JwtSettings.SIGN_KEY);
    signing(alg -> k);
  }

  private void signing(Function<SignatureAlgorithm, PrivateKey> parse) {
    if (!KeyPolicy.isHmac(algorithm)) {
      parse.apply(algorithm);
    }
    this.signing = parse;
  }

  /** Which verification key is the signing key's public half; needed with several. */
  public void signingKeyId(String kid) {
    if (kid == null || kid.isBlank()) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.SIGN_KEY_ID, kid,
          "must name one of the verification keys"));
    }
    this.signingKeyId = kid;
  }

  /**
   * The keys of the final algorithm.
   *
   * @param issuer the issuer, which the derived HMAC kid depends on
   * @param fetchTimeout how long fetching the JWKS URL, if one is set, may take
   * @throws IllegalArgumentException at the first key material missing, of the wrong kind, too
   *     weak, or not matching
   */
  public KeySet build(String issuer, Duration fetchTimeout) {
    String name = algorithm.getAlgorithm();
    boolean hmac = KeyPolicy.isHmac(algorithm);
    if (keyId != null && !hmac) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.KEY_ID, keyId,
          "names the HMAC secret's key, but " + name + " takes keys from "
              + JwtSettings.VERIFY_KEYS + " (a PEM key's kid is its RFC 7638 thumbprint, a JWKS"
              + " key carries its own); choose the signing key with " + JwtSettings.SIGN_KEY_ID));
    }
    return hmac ? hmac(issuer) : asymmetric(fetchTimeout);
  }

  private KeySet hmac(String issuer) {
    String name = algorithm.getAlgorithm();
    if (signing != null || verification != null || url != null) {
      throw new IllegalArgumentException(JwtSettings.SIGN_KEY + ": and " + JwtSettings.VERIFY_KEYS
          + " (or " + JwtSettings.VERIFY_KEYS_URL + ") are for asymmetric algorithms; with "
          + name + " set only " + JwtSettings.SECRET + " (or " + JwtSettings.SECRET_FILE + ")");
    }
    if (secret == null) {
      int min = KeyPolicy.minSecretBytes(algorithm);
      throw new IllegalArgumentException(JwtSettings.SECRET + ": is required for " + name
          + ": set it to at least " + min + " random bytes in base64 (openssl rand -base64 " + min
          + "), or mount a file and set " + JwtSettings.SECRET_FILE);
    }
    SecretKey key = secret.apply(algorithm);
    String kid = keyId != null ? keyId : KeyIds.derived(key.getEncoded(), String.valueOf(issuer));
    return KeySet.hmac(algorithm, key, kid);
  }

  private KeySet asymmetric(Duration fetchTimeout) {
    String name = algorithm.getAlgorithm();
    if (secret != null) {
      throw new IllegalArgumentException(JwtSettings.SECRET + ": is for HS256/384/512; with "
          + name + " set " + JwtSettings.VERIFY_KEYS + " (public keys) and, to issue tokens, "
          + JwtSettings.SIGN_KEY);
    }
    if (verification == null && url == null) {
      throw new IllegalArgumentException(JwtSettings.VERIFY_KEYS + ": is required for " + name
          + ": set it (or " + JwtSettings.VERIFY_KEYS_FILE + ") to PEM public keys or a JWKS"
          + " document, or set " + JwtSettings.VERIFY_KEYS_URL + " to the URL of a JWKS");
    }
    if (signing != null && url != null && signingKeyId == null) {
      throw new IllegalArgumentException(JwtSettings.SIGN_KEY_ID + ": is required with "
          + JwtSettings.SIGN_KEY + " and " + JwtSettings.VERIFY_KEYS_URL + ": name the kid under"
          + " which the JWKS publishes the signing key's public half");
    }
    PrivateKey privateKey = signing == null ? null : signing.apply(algorithm);
    JwksKeys.Parsed verify = url != null ? fetch(url, fetchTimeout, algorithm)
        : verification.apply(algorithm);
    if (privateKey == null) {
      return KeySet.asymmetric(algorithm, verify, null, null);
    }
    String kid = signingKeyId != null ? signingKeyId
        : verify.keys().size() == 1 ? verify.keys().keySet().iterator().next() : null;
    return signingWith(algorithm, verify, kid, privateKey);
  }

  /** The set signing with {@code privateKey} as {@code kid}, whose public half must verify. */
  private static KeySet signingWith(SignatureAlgorithm algorithm, JwksKeys.Parsed verify,
      String kid, PrivateKey privateKey) {
    if (kid == null || !verify.keys().containsKey(kid)) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.SIGN_KEY_ID,
          String.valueOf(kid), "must name one of the verification keys " + verify.keys().keySet()
              + ", the public half of " + JwtSettings.SIGN_KEY));
    }
    KeySet keys = KeySet.asymmetric(algorithm, verify, kid, privateKey);
    if (!keys.signingKeyMatches()) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.SIGN_KEY_ID, kid,
          "names a verification key that is not the public half of " + JwtSettings.SIGN_KEY
              + "; tokens signed with it would be refused"));
    }
    return keys;
  }
}
