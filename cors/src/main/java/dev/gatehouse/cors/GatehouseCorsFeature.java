package dev.gatehouse.cors;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.cors.internal.CorsRuntime;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

/**
 * Turns Gatehouse on where providers are registered by hand — the same as
 * {@link GatehouseCoreFeature}, which registers every Gatehouse module on the class path, this one
 * included: exact-origin CORS from {@link CorsSettings} (and {@link CorsOrigins} overrides);
 * unsafe settings refuse start-up. With no origins configured and no overrides, no CORS header is
 * ever sent. Runtimes that scan for {@code @Provider} classes need no feature.
 *
 * <pre>{@code
 * register(GatehouseCorsFeature.class);                            // settings from configuration
 * register(new GatehouseCorsFeature(CorsSettings.builder()
 *     .allowedOrigins(List.of("https://app.example.com")).build())); // or built in code
 * }</pre>
 *
 * <p>Settings built in code replace the {@code gatehouse.cors.*} properties (which are still
 * validated). Register such a feature before any other Gatehouse feature: each prepares the
 * application's endpoints under the settings known when it runs, and settings that arrive after
 * that refuse start-up with an {@link IllegalStateException}.
 */
public final class GatehouseCorsFeature implements Feature {

  private final CorsSettings explicit;

  /** Reads the settings from MicroProfile Config. */
  public GatehouseCorsFeature() {
    this.explicit = null;
  }

  /** Uses settings built in code instead of those read from MicroProfile Config. */
  public GatehouseCorsFeature(CorsSettings settings) {
    this.explicit = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (explicit != null) {
      CorsRuntime.current().use(explicit);
    }
    return GatehouseCoreFeature.install(context) || explicit != null;
  }
}
