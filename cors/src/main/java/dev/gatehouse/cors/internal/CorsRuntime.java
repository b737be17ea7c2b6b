package dev.gatehouse.cors.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.cors.CorsOrigins;
import dev.gatehouse.cors.CorsSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The CORS state of one application: the validated settings and the routes — the configured
 * policy, and the policy of each {@link CorsOrigins} endpoint, added as endpoints are prepared. It
 * observes the application's start, so unsafe settings stop the application then on every runtime.
 */
@ApplicationScoped
public class CorsRuntime {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.cors");

  private CorsSettings settings;
  private CorsRoutes routes;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    routes(); // reads and validates now: an unsafe setting stops the application here
  }

  @PostConstruct
  void init() {
    settings = CorsSettings.fromConfig(ConfigProvider.getConfig());
    routes = CorsRoutes.of(settings);
    LOG.log(System.Logger.Level.INFO, "Gatehouse CORS: " + (settings.active() ? settings
        : "no origins allowed"));
  }

  CorsRoutes routes() {
    return routes;
  }

  /**
   * The policy of {@code endpoint}: its {@link CorsOrigins} list (method over class), validated
   * like the configuration and added to the routes for preflights, else the configured one.
   *
   * @throws GatehouseConfigException naming each unsafe origin
   */
  CorsPolicy prepare(Endpoint endpoint) {
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
