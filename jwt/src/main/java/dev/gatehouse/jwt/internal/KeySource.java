package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import java.util.Optional;

/**
 * Where one kind of key material is read from: the value of a property, or a file a property
 * names. (A JWKS URL is not one of these: it is fetched again while the service runs and on an
 * unknown kid, so {@link KeySetBuilder} and {@link KeyRing} handle it, through {@link JwksUrl}.) As smallrye-jwt's key resolvers tell a key's content from its location
 * ({@code mp.jwt.verify.publickey} and {@code .location}), each way of reaching key material is one
 * class, and a new one is that class and its place in {@link KeyMaterial}; what the material says
 * is the parsers' business ({@link PemKeys}, {@link JwksKeys}), whether it is strong enough the
 * {@link KeyPolicy}'s.
 */
interface KeySource {

  /** The property that turns this source on, e.g. {@code gatehouse.jwt.secret-file}. */
  String property();

  /** Whether the property is set, readable or not. */
  default boolean isSet(ConfigReader in) {
    return in.string(property()).isPresent();
  }

  /**
   * The key material, when the property is set; a source that is set but cannot be read records
   * a problem in {@code in} (naming the property, never the material) and is empty.
   */
  Optional<String> read(ConfigReader in);

  /**
   * For a source that is not set: records a problem when a packaged configuration file holds its
   * secret anyway — under a profile ({@code %prod.}) not in force here, it still ships.
   */
  default void refuseUnsetPackaged(ConfigReader in) {
  }
}
