package dev.gatehouse.cors.internal;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.spi.Lazy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;

/**
 * Answers CORS preflights (Fetch standard, "CORS-preflight request") before matching and before
 * authentication, so a preflight never meets a 401: an allowed origin asking for an allowed
 * method and allowed headers gets 204 with the grant; anything else gets a 403 problem with no
 * CORS header at all, and a {@code CORS_REJECTED} event.
 *
 * <p>It uses the {@link CorsRoutes} alone; the Jakarta REST runtime creates the filter (a CDI bean
 * only on some runtimes), so it takes them from {@link CorsRuntime} once, on its first request.
 */
@Provider
@PreMatching
@Priority(GatehousePriorities.CORS_PREFLIGHT)
public final class CorsPreflightFilter implements ContainerRequestFilter {

  static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method,"
      + " Access-Control-Request-Headers";

  private final Lazy<CorsRoutes> routes = new Lazy<>(() -> CorsRuntime.current().routes());

  @Override
  public void filter(ContainerRequestContext request) {
    if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
      return;
    }
    String origin = request.getHeaderString("Origin");
    String method = request.getHeaderString("Access-Control-Request-Method");
    if (origin == null || method == null) {
      return;
    }
    request.setProperty(CorsResponseFilter.PREFLIGHT, Map.of());
    CorsPolicy policy = routes.get().forPath(request.getUriInfo().getPath());
    Optional<String> allowOrigin = policy.allowOrigin(origin);
    String headers = request.getHeaderString("Access-Control-Request-Headers");
    String refusal = allowOrigin.isEmpty() ? "origin_not_allowed"
        : !policy.allowsMethod(method) ? "method_not_allowed"
        : !policy.allowsHeaders(headers) ? "header_not_allowed" : null;
    if (refusal != null) {
      request.abortWith(Problem.of(403).detail("This cross-origin request is not allowed.")
          .event(SecurityEventType.CORS_REJECTED, refusal)
          .header("Vary", PREFLIGHT_VARY).toResponse());
      return;
    }
    Map<String, String> granted = new java.util.LinkedHashMap<>();
    granted.put("Access-Control-Allow-Origin", allowOrigin.get());
    granted.put("Access-Control-Allow-Methods", policy.allowMethods);
    granted.put("Access-Control-Allow-Headers", policy.allowHeaders);
    granted.put("Access-Control-Max-Age", String.valueOf(policy.maxAge));
    if (policy.credentials()) {
      granted.put("Access-Control-Allow-Credentials", "true");
    }
    // what the response filter will hold the answer to, whatever another filter adds on its way
    request.setProperty(CorsResponseFilter.PREFLIGHT, Map.copyOf(granted));
    Response.ResponseBuilder ok = Response.noContent().header("Vary", PREFLIGHT_VARY);
    granted.forEach(ok::header);
    request.abortWith(ok.build());
  }
}
