package dev.gatehouse.jwt;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.jwt.internal.JwtRuntime;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

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
 * register(GatehouseJwtFeature.class);   // settings from MicroProfile Config
 * register(new GatehouseJwtFeature(JwtSettings.builder()
 *     .issuer("https://auth.example.com").audience("notes-api").hmacSecret(secret)
 *     .build()));                         // settings built in code
 * }</pre>
 *
 * <p>Settings built in code replace the properties; register such a feature before any other
 * Gatehouse feature, which would otherwise prepare the endpoints first and find none in force.
 */
public final class GatehouseJwtFeature implements Feature {

  private final JwtSettings explicit;

  /** Reads the settings from MicroProfile Config. */
  public GatehouseJwtFeature() {
    this.explicit = null;
  }

  /** Uses settings built in code instead of those read from MicroProfile Config. */
  public GatehouseJwtFeature(JwtSettings settings) {
    this.explicit = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (explicit != null) {
      JwtRuntime.current().use(explicit);
    }
    return GatehouseCoreFeature.install(context) || explicit != null;
  }
}
