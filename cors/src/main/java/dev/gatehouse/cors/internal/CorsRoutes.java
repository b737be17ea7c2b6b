package dev.gatehouse.cors.internal;

import dev.gatehouse.core.lint.Endpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Which policy a request path gets: the one of a {@code @CorsOrigins} endpoint whose path template
 * matches, else the configured one. Overrides are collected while the application deploys (the
 * preflight filter runs before matching, so it cannot ask the matched resource).
 */
final class CorsRoutes {

  private record Route(Pattern path, CorsPolicy policy) {
  }

  private final CorsPolicy global;
  private final List<Route> overrides = new CopyOnWriteArrayList<>();

  CorsRoutes(CorsPolicy global) {
    this.global = global;
  }

  /** Routes with the configured policy everywhere, until overrides are added at deployment. */
  static CorsRoutes of(dev.gatehouse.cors.CorsSettings settings) {
    return new CorsRoutes(CorsPolicy.of(settings));
  }

  void override(String template, CorsPolicy policy) {
    Pattern path = Endpoint.pathPattern(template);
    if (overrides.stream().noneMatch(r -> r.path().pattern().equals(path.pattern()))) {
      overrides.add(new Route(path, policy));
    }
  }

  CorsPolicy global() {
    return global;
  }

  CorsPolicy forPath(String path) {
    if (overrides.isEmpty()) {
      return global;
    }
    String p = path.startsWith("/") ? path : "/" + path;
    for (Route r : overrides) {
      if (r.path().matcher(p).matches()) {
        return r.policy();
      }
    }
    return global;
  }
}
