package dev.gatehouse.jwt;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.jwt.internal.AccessFeature;
import dev.gatehouse.jwt.internal.BearerAuthenticationFilter;
import dev.gatehouse.jwt.internal.CurrentToken;
import dev.gatehouse.jwt.internal.JwtRuntime;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns on bearer authentication and authorization: every request with
 * {@code Authorization: Bearer} is verified (401 if anything is wrong), and every resource method
 * is guarded by its {@code @RolesAllowed} / {@code @PermitAll} / {@code @DenyAll} — or, with none,
 * requires an authenticated caller. Also turns on the core module. Settings are validated here, at
 * start-up; see {@link JwtSettings}.
 *
 * <pre>{@code
 * register(GatehouseJwtFeature.class);   // where providers are registered by hand
 * }</pre>
 */
@Provider
public final class GatehouseJwtFeature implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    if (!GatehouseCoreFeature.installOnce(context, "jwt")) {
      return false;
    }
    CDI<Object> cdi = CDI.current();
    JwtRuntime runtime = cdi.select(JwtRuntime.class).get();
    runtime.settings(); // builds and validates now, so a bad setting stops the deployment
    context.register(new BearerAuthenticationFilter(runtime, cdi.select(CurrentToken.class)),
        Priorities.AUTHENTICATION);
    context.register(new AccessFeature(runtime));
    return true;
  }
}
