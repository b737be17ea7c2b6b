package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.JwtSettings;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the verifier reaches the key set inside {@link JwtSettings} without the settings handing key
 * material to everyone: {@code JwtSettings} registers its private accessor here when its class is
 * initialised — before any instance can exist — and only this package reads through it (the JDK's
 * "shared secrets" pattern; Java has no friend access between a package and its internals).
 */
public final class SettingsKeys {

  private static volatile Function<JwtSettings, KeySet> accessor;

  private SettingsKeys() {
  }

  /**
   * Called once, by {@code JwtSettings}'s static initialiser.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void register(Function<JwtSettings, KeySet> keysOf) {
    if (accessor != null) {
      throw new IllegalStateException("the key accessor of JwtSettings is registered already");
    }
    accessor = Objects.requireNonNull(keysOf);
  }

  /**
   * The keys of {@code settings}: verification keys (or the HMAC secret) and the signing key. For
   * Gatehouse's own modules: the verifier, and {@code gatehouse-test}, which signs a test's tokens
   * with the key the application under test is configured with.
   */
  public static KeySet of(JwtSettings settings) {
    return accessor.apply(Objects.requireNonNull(settings));
  }
}
