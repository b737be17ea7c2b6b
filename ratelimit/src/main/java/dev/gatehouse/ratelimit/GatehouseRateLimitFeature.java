package dev.gatehouse.ratelimit;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.ratelimit.internal.RateLimitFeature;
import dev.gatehouse.ratelimit.internal.RateLimitHeadersFilter;
import dev.gatehouse.ratelimit.internal.RateLimitRuntime;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns on rate limits: {@link RateLimited} methods, the optional {@code default} policy, and
 * {@link RateLimits} for keys chosen in code. Also turns on the core module. Policies are
 * validated here, at start-up.
 *
 * <pre>{@code
 * register(GatehouseRateLimitFeature.class);
 * }</pre>
 */
@Provider
public final class GatehouseRateLimitFeature implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    if (!GatehouseCoreFeature.installOnce(context, "ratelimit")) {
      return false;
    }
    RateLimitRuntime runtime = CDI.current().select(RateLimitRuntime.class).get();
    runtime.settings();
    context.register(new RateLimitFeature(runtime));
    context.register(new RateLimitHeadersFilter());
    return true;
  }
}
