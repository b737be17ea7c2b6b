package dev.gatehouse.cors;

import dev.gatehouse.core.GatehouseCoreFeature;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Turns Gatehouse on where providers are registered by hand — the same as
 * {@link GatehouseCoreFeature}, which registers every Gatehouse module on the class path, this one
 * included: exact-origin CORS from {@link CorsSettings} (and {@link CorsOrigins} overrides);
 * unsafe settings refuse start-up. With no origins configured and no overrides, no CORS header is
 * ever sent. Runtimes that scan for {@code @Provider} classes need no feature.
 *
 * <pre>{@code
 * register(GatehouseCorsFeature.class);
 * }</pre>
 */
public final class GatehouseCorsFeature implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    return GatehouseCoreFeature.install(context);
  }
}
