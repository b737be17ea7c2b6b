package dev.gatehouse.core.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * A module's settings and what is built from them, as the module's runtime bean holds them — for
 * Gatehouse's own modules. The settings read from configuration at start-up may be replaced by
 * settings built in code (what the module's feature is given), but only until the module first
 * {@link #enforce enforces} them — prepares an endpoint or answers a request: after that, part of
 * the application would still enforce the old ones, so a replacement refuses start-up.
 *
 * <pre>{@code
 * private final SettingsInForce<CorsSettings, CorsRoutes> cors =
 *     new SettingsInForce<>("GatehouseCorsFeature", CorsRoutes::of);
 *
 * @PostConstruct void init() { cors.use(CorsSettings.fromConfig(config)); }
 * public void use(CorsSettings explicit) { cors.use(explicit); }      // from the feature
 * CorsRoutes routes() { return cors.enforce(); }                     // from the filters
 * }</pre>
 *
 * @param <S> the settings type
 * @param <T> what the module builds from them
 */
public final class SettingsInForce<S, T> {

  private final String feature;
  private final Function<S, T> build;
  private volatile S settings;
  private volatile T built;
  private volatile boolean enforced;

  /**
   * @param feature the simple name of the module's feature, which the refusal message names
   * @param build builds what the module enforces from settings; run once per replacement
   */
  public SettingsInForce(String feature, Function<S, T> build) {
    this.feature = Objects.requireNonNull(feature, "feature");
    this.build = Objects.requireNonNull(build, "build");
  }

  /**
   * Puts {@code next} in force (again the same instance: nothing happens).
   *
   * @throws IllegalStateException when the settings in force were enforced already
   */
  public synchronized void use(S next) {
    Objects.requireNonNull(next, "settings");
    if (next == settings) {
      return;
    }
    if (enforced) {
      throw new IllegalStateException(next.getClass().getSimpleName() + " built in code arrived"
          + " after Gatehouse prepared endpoints under the configured ones; register new "
          + feature + "(settings) before any other Gatehouse feature");
    }
    built = build.apply(next);
    settings = next;
  }

  /** The settings in force; null until the first {@link #use}. */
  public S settings() {
    return settings;
  }

  /**
   * What was built from the settings in force, which from now on can no longer be replaced; on
   * the request path, so without a lock once enforced.
   */
  public T enforce() {
    if (!enforced) {
      synchronized (this) {
        enforced = true;
      }
    }
    return built;
  }
}
