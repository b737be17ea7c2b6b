package dev.gatehouse.cors;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.cors.internal.CorsPreflightFilter;
import dev.gatehouse.cors.internal.CorsResponseFilter;
import dev.gatehouse.cors.internal.CorsRouteFeature;
import dev.gatehouse.cors.internal.CorsRoutes;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Turns on exact-origin CORS from {@link CorsSettings} (and {@link CorsOrigins} overrides);
 * refuses start-up on unsafe settings. With no origins configured and no overrides, no CORS header
 * is ever sent. Also turns on the core module.
 *
 * <pre>{@code
 * register(GatehouseCorsFeature.class);
 * }</pre>
 */
@Provider
public final class GatehouseCorsFeature implements Feature {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.cors");

  @Override
  public boolean configure(FeatureContext context) {
    if (!GatehouseCoreFeature.installOnce(context, "cors")) {
      return false;
    }
    CorsSettings settings = CorsSettings.fromConfig(ConfigProvider.getConfig());
    CorsRoutes routes = CorsRoutes.of(settings);
    context.register(new CorsRouteFeature(settings, routes));
    context.register(new CorsPreflightFilter(routes));
    context.register(new CorsResponseFilter(routes));
    LOG.log(System.Logger.Level.INFO, "Gatehouse CORS: " + (settings.active() ? settings
        : "no origins allowed"));
    return true;
  }
}
