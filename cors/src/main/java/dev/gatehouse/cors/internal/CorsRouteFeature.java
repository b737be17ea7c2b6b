package dev.gatehouse.cors.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.internal.EndpointFeature;
import dev.gatehouse.cors.CorsOrigins;
import dev.gatehouse.cors.CorsSettings;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects {@code @CorsOrigins} overrides at deployment, validating them like the configuration. */
public final class CorsRouteFeature implements DynamicFeature {

  private final CorsSettings settings;
  private final CorsRoutes routes;

  public CorsRouteFeature(CorsSettings settings, CorsRoutes routes) {
    this.settings = settings;
    this.routes = routes;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null) {
      return;
    }
    CorsOrigins annotation = method.getAnnotation(CorsOrigins.class);
    if (annotation == null) {
      annotation = type.getAnnotation(CorsOrigins.class);
    }
    if (annotation == null) {
      return;
    }
    String where = "@CorsOrigins on " + type.getSimpleName() + "#" + method.getName();
    List<String> problems = new ArrayList<>();
    Set<Origin> origins = new LinkedHashSet<>();
    for (String value : annotation.value()) {
      String problem = value.equals("*") ? "is not allowed here; list exact origins"
          : CorsSettings.originProblem(value, settings.insecureAllowed());
      if (problem != null) {
        problems.add(ConfigReader.describe(where, value, problem));
      } else {
        origins.add(Origin.parse(value).orElseThrow());
      }
    }
    if (!problems.isEmpty()) {
      throw new GatehouseConfigException(problems);
    }
    routes.override(EndpointFeature.template(type, method),
        new CorsPolicy(settings, origins, false));
  }
}
