package dev.gatehouse.ratelimit;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.ratelimit.internal.RateLimitRuntime;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

/**
 * Turns Gatehouse on where providers are registered by hand — the same as
 * {@link GatehouseCoreFeature}, which registers every Gatehouse module on the class path, this one
 * included: {@link RateLimited} methods, the optional {@code default} policy, and
 * {@link RateLimits} for keys chosen in code. Policies are validated at start-up. Runtimes that
 * scan for {@code @Provider} classes need no feature.
 *
 * <pre>{@code
 * register(GatehouseRateLimitFeature.class);                       // policies from configuration
 * register(new GatehouseRateLimitFeature(RateLimitSettings.builder()
 *     .policy(RateLimitPolicy.builder("login").limit(5).period(Duration.ofMinutes(1)).build())
 *     .build()));                                                  // or built in code
 * }</pre>
 *
 * <p>Settings built in code replace the {@code gatehouse.ratelimit.*} properties (which are still
 * validated). Register such a feature before any other Gatehouse feature: each prepares the
 * application's endpoints under the settings known when it runs, and settings that arrive after
 * that refuse start-up with an {@link IllegalStateException}.
 */
public final class GatehouseRateLimitFeature implements Feature {

  private final RateLimitSettings explicit;

  /** Reads the settings from MicroProfile Config. */
  public GatehouseRateLimitFeature() {
    this.explicit = null;
  }

  /** Uses settings built in code instead of those read from MicroProfile Config. */
  public GatehouseRateLimitFeature(RateLimitSettings settings) {
    this.explicit = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (explicit != null) {
      RateLimitRuntime.current().use(explicit);
    }
    return GatehouseCoreFeature.install(context) || explicit != null;
  }
}
