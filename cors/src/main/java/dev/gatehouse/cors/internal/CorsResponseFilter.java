package dev.gatehouse.cors.internal;

import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.core.spi.Matched;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * On actual requests, errors included: the exact origin is echoed only when it is allowed for the
 * path, with credentials and exposed headers; any other origin gets no CORS header. Every response
 * says {@code Vary: Origin}, so no cache serves one origin's answer to another. The policy is the
 * matched endpoint's own (its {@code @CorsOrigins}, as prepared at start-up), else the one routed
 * by path — the {@link CorsRoutes}, which it takes from {@link CorsRuntime} once, on the first
 * request that needs them (the Jakarta REST runtime creates the filter, a CDI bean only on some
 * runtimes).
 */
@Provider
public final class CorsResponseFilter implements ContainerResponseFilter {

  static final String PREFLIGHT = "dev.gatehouse.cors.preflight";

  private final Lazy<CorsRoutes> routes = new Lazy<>(() -> CorsRuntime.current().routes());

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> h = response.getHeaders();
    if (Boolean.TRUE.equals(request.getProperty(PREFLIGHT))) {
      return;
    }
    addVary(h);
    String origin = request.getHeaderString("Origin");
    if (origin == null) {
      return;
    }
    CorsPolicy policy = Matched.plan(request, CorsModule.NAME, CorsPolicy.class);
    if (policy == null) {
      policy = routes.get().forPath(request.getUriInfo().getPath());
    }
    Optional<String> allow = policy.allowOrigin(origin);
    if (allow.isEmpty()) {
      return;
    }
    h.putSingle("Access-Control-Allow-Origin", allow.get());
    if (policy.credentials()) {
      h.putSingle("Access-Control-Allow-Credentials", "true");
    }
    if (!policy.exposeHeaders.isEmpty()) {
      h.putSingle("Access-Control-Expose-Headers", policy.exposeHeaders);
    }
  }

  private static void addVary(MultivaluedMap<String, Object> h) {
    Object existing = h.getFirst("Vary");
    if (existing == null) {
      h.putSingle("Vary", "Origin");
    } else if (!existing.toString().toLowerCase(java.util.Locale.ROOT).contains("origin")) {
      h.putSingle("Vary", existing + ", Origin");
    }
  }
}
