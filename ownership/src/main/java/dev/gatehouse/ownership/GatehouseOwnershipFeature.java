package dev.gatehouse.ownership;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.jwt.GatehouseJwtFeature;
import dev.gatehouse.ownership.internal.CurrentOwner;
import dev.gatehouse.ownership.internal.OwnedParamConverterProvider;
import dev.gatehouse.ownership.internal.OwnerFilter;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns on {@link Owned} parameters and the injectable {@link Owner}, and the lint rule for id
 * parameters. Also turns on the jwt and core modules.
 *
 * <pre>{@code
 * register(GatehouseOwnershipFeature.class);
 * }</pre>
 */
@Provider
public final class GatehouseOwnershipFeature implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    if (!GatehouseCoreFeature.installOnce(context, "ownership")) {
      return false;
    }
    if (!context.getConfiguration().isRegistered(GatehouseJwtFeature.class)) {
      context.register(GatehouseJwtFeature.class);
    }
    CDI<Object> cdi = CDI.current();
    var current = cdi.select(CurrentOwner.class);
    context.register(new OwnerFilter(current), Priorities.AUTHENTICATION + 100);
    context.register(new OwnedParamConverterProvider(cdi.getBeanManager(), current));
    return true;
  }
}
