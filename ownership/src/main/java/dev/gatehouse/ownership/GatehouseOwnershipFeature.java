package dev.gatehouse.ownership;

import dev.gatehouse.core.GatehouseCoreFeature;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Turns Gatehouse on where providers are registered by hand — the same as
 * {@link GatehouseCoreFeature}, which registers every Gatehouse module on the class path, this one
 * and the jwt module it builds on included: {@link Owned} parameters, the injectable
 * {@link Owner}, and the lint rule for id parameters. Runtimes that scan for {@code @Provider}
 * classes need no feature.
 *
 * <pre>{@code
 * register(GatehouseOwnershipFeature.class);
 * }</pre>
 */
public final class GatehouseOwnershipFeature implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    return GatehouseCoreFeature.install(context);
  }
}
