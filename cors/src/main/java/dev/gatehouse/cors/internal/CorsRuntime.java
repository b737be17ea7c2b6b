package dev.gatehouse.cors.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.SettingsInForce;
import dev.gatehouse.cors.CorsOrigins;
import dev.gatehouse.cors.CorsSettings;
import dev.gatehouse.cors.GatehouseCorsFeature;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the CORS routes of one application: the settings — read from the injected
 * {@link Config}, or built in code and given through {@link GatehouseCorsFeature} — as the
 * configured policy, and the policy of each {@link CorsOrigins} endpoint, added as endpoints are
 * prepared. The filters take the routes from it once. It observes the application's start, so
 * unsafe settings stop the application then on every runtime.
 */
@ApplicationScoped
public class CorsRuntime {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.cors");

  @Inject
  Config config;

  private final SettingsInForce<CorsSettings, CorsRoutes> cors =
      new SettingsInForce<>("GatehouseCorsFeature", CorsRuntime::routesOf);

  /** The runtime of the running application. */
  public static CorsRuntime current() {
    return CDI.current().select(CorsRuntime.class).get();
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    cors.settings(); // read and validated by now: an unsafe setting stops the application here
  }

  @PostConstruct
  void init() {
    cors.use(CorsSettings.fromConfig(config));
  }

  /**
   * Replaces the settings read from configuration with settings built in code.
   *
   * @throws IllegalStateException when endpoints were prepared, or requests answered, under the
   *     configured settings already — the new ones would be enforced only in part
   */
  public void use(CorsSettings explicit) {
    cors.use(explicit);
  }

  private static CorsRoutes routesOf(CorsSettings s) {
    LOG.log(System.Logger.Level.INFO, "Gatehouse CORS: " + (s.active() ? s
        : "no origins allowed"));
    return CorsRoutes.of(s);
  }

  /** The routes of the settings in force, for the filters. */
  CorsRoutes routes() {
    return cors.enforce();
  }

  /**
   * The policy of {@code endpoint}: its {@link CorsOrigins} list (method over class), validated
   * like the configuration and added to the routes for preflights, else the configured one.
   *
   * @throws GatehouseConfigException naming each unsafe origin
   */
  CorsPolicy prepare(Endpoint endpoint) {
    CorsRoutes routes = cors.enforce();
    CorsSettings settings = cors.settings();
    CorsOrigins annotation = endpoint.annotation(CorsOrigins.class).orElse(null);
    if (annotation == null) {
      return routes.global();
    }
    String where = "@CorsOrigins on " + endpoint.name();
    List<String> problems = new ArrayList<>();
    Set<Origin> origins = new LinkedHashSet<>();
    for (String value : annotation.value()) {
      String problem = value.equals("*") ? "is not allowed here; list exact origins"
          : Origin.problem(value, settings.insecureAllowed());
      if (problem != null) {
        problems.add(ConfigReader.describe(where, value, problem));
      } else {
        origins.add(Origin.parse(value).orElseThrow());
      }
    }
    if (!problems.isEmpty()) {
      throw new GatehouseConfigException(problems);
    }
    CorsPolicy policy = new CorsPolicy(settings, origins, false);
    routes.override(endpoint.path(), policy);
    return policy;
  }
}
