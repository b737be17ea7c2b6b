package dev.gatehouse.ratelimit;

import dev.gatehouse.core.GatehouseCoreFeature;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Turns Gatehouse on where providers are registered by hand — the same as
 * {@link GatehouseCoreFeature}, which registers every Gatehouse module on the class path, this one
 * included: {@link RateLimited} methods, the optional {@code default} policy, and
 * {@link RateLimits} for keys chosen in code. Policies are validated at start-up. Runtimes that
 * scan for {@code @Provider} classes need no feature.
 *
 * <pre>{@code
 * register(GatehouseRateLimitFeature.class);
 * }</pre>
 */
public final class GatehouseRateLimitFeature implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    return GatehouseCoreFeature.install(context);
  }
}
