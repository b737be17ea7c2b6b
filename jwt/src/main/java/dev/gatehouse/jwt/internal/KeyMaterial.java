package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.JwtSettings;
import java.util.List;
import java.util.Optional;

/**
 * The three kinds of key material the jwt module reads from configuration, each with the sources
 * it may come from — at most one of them set. A new source is one {@link KeySource} class listed
 * here; {@code gatehouse.jwt.verify-keys-url}, which is fetched again while the service runs, is
 * read by {@code JwtSettings} beside these and excludes them.
 */
public enum KeyMaterial {

  /** The HMAC secret, base64 or base64url. */
  SECRET(InlineKeySource.secret(JwtSettings.SECRET, JwtSettings.SECRET_FILE),
      new FileKeySource(JwtSettings.SECRET_FILE)),
  /** The PKCS#8 PEM private key this service signs with. */
  SIGNING_KEY(InlineKeySource.secret(JwtSettings.SIGN_KEY, JwtSettings.SIGN_KEY_FILE),
      new FileKeySource(JwtSettings.SIGN_KEY_FILE)),
  /** PEM public keys or a JWKS document. */
  VERIFICATION_KEYS(InlineKeySource.publicMaterial(JwtSettings.VERIFY_KEYS),
      new FileKeySource(JwtSettings.VERIFY_KEYS_FILE));

  private final List<KeySource> sources;

  KeyMaterial(KeySource... sources) {
    this.sources = List.of(sources);
  }

  /** The properties of this material's sources that are set. */
  public List<String> propertiesSet(ConfigReader in) {
    return sources.stream().filter(s -> s.isSet(in)).map(KeySource::property).toList();
  }

  /**
   * The material from the one source that is set; empty when none is, or when it cannot be read
   * or several are set (a problem recorded in {@code in} either way).
   */
  public Optional<String> read(ConfigReader in) {
    List<KeySource> set = sources.stream().filter(s -> s.isSet(in)).toList();
    sources.stream().filter(s -> !set.contains(s)).forEach(s -> s.refuseUnsetPackaged(in));
    if (set.size() > 1) {
      List<String> others = set.subList(1, set.size()).stream().map(KeySource::property).toList();
      in.secretProblem(set.get(0).property(), "and " + String.join(" and ", others)
          + (others.size() == 1 ? " are both set" : " are all set") + "; keep one");
      return Optional.empty();
    }
    return set.isEmpty() ? Optional.empty() : set.get(0).read(in);
  }
}
