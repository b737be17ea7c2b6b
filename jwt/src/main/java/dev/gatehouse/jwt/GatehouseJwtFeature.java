package dev.gatehouse.jwt;

import dev.gatehouse.core.GatehouseCoreFeature;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Turns Gatehouse on where providers are registered by hand — the same as
 * {@link GatehouseCoreFeature}, which registers every Gatehouse module on the class path, this one
 * included: every request with {@code Authorization: Bearer} is verified (401 if anything is
 * wrong), and every resource method is guarded by its {@code @RolesAllowed} / {@code @PermitAll} /
 * {@code @DenyAll} — or, with none, requires an authenticated caller. Settings are validated at
 * start-up; see {@link JwtSettings}. Runtimes that scan for {@code @Provider} classes need no
 * feature.
 *
 * <pre>{@code
 * register(GatehouseJwtFeature.class);   // where providers are registered by hand
 * }</pre>
 */
public final class GatehouseJwtFeature implements Feature {

  @Override
  public boolean configure(FeatureContext context) {
    return GatehouseCoreFeature.install(context);
  }
}
