package dev.gatehouse.cors.internal;

import dev.gatehouse.core.spi.CorsHeaders;
import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.core.spi.Matched;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * On actual requests, errors included: the exact origin is echoed only when it is allowed for the
 * path, with credentials and exposed headers; any other origin gets no CORS header. Every response
 * says {@code Vary: Origin}, so no cache serves one origin's answer to another. The policy is the
 * matched endpoint's own (its {@code @CorsOrigins}, as prepared at start-up), else the one routed
 * by path — the {@link CorsRoutes}, which it takes from {@link CorsRuntime} once, on the first
 * request that needs them (the Jakarta REST runtime creates the filter, a CDI bean only on some
 * runtimes).
 *
 * <p>Gatehouse is the one CORS authority: a CORS header that something else put on the response
 * before this filter — an application's own response filter, RESTEasy's {@code CorsFilter}, a
 * filter copied from a tutorial that answers {@code Access-Control-Allow-Origin: *} — is removed,
 * and the first such response is logged once at WARNING naming the header, so another CORS
 * producer is never silent. Response filters run in descending priority, so this one, at
 * {@link #PRIORITY}, runs after the application's (default {@code USER}). What a server adds
 * outside Jakarta REST (WildFly's Undertow {@code response-header} filters, Quarkus's
 * {@code quarkus.http.cors}) never reaches it: the README says how to turn each off.
 */
@Provider
@Priority(CorsResponseFilter.PRIORITY)
public final class CorsResponseFilter implements ContainerResponseFilter {

  /** Below the application's filters and core's headers: it runs after them. */
  static final int PRIORITY = Priorities.HEADER_DECORATOR - 100;

  /** Set on a preflight Gatehouse answered: the CORS headers of its answer (none if refused). */
  static final String PREFLIGHT = "dev.gatehouse.cors.preflight";

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.cors");

  private final Lazy<CorsRoutes> routes = new Lazy<>(() -> CorsRuntime.current().routes());
  private final AtomicBoolean reported = new AtomicBoolean();

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> h = response.getHeaders();
    if (request.getProperty(PREFLIGHT) instanceof Map<?, ?> granted) {
      keepOnly(request, h, granted);
      return;
    }
    keepOnly(request, h, Map.of());
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

  /**
   * Removes every CORS header whose value is not Gatehouse's own ({@code granted}), restoring
   * Gatehouse's where another filter replaced it.
   */
  private void keepOnly(ContainerRequestContext request, MultivaluedMap<String, Object> h,
      Map<?, ?> granted) {
    for (String name : CorsHeaders.RESPONSE) {
      List<Object> values = h.get(name);
      Object ours = granted.get(name);
      if (values == null || values.isEmpty()
          || values.size() == 1 && ours != null && ours.equals(String.valueOf(values.get(0)))) {
        continue;
      }
      report(request, name, values);
      h.remove(name);
      if (ours != null) {
        h.putSingle(name, ours);
      }
    }
  }

  private void report(ContainerRequestContext request, String name, List<Object> values) {
    if (reported.compareAndSet(false, true)) {
      // the value may echo the request's Origin: printable ASCII only, and short
      String shown = values.toString().replaceAll("[^\\x20-\\x7e]", "?");
      shown = shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
      LOG.log(System.Logger.Level.WARNING, "Gatehouse removed " + name + ": " + shown
          + " from the response to " + request.getMethod() + " " + java.util.Objects.toString(
              request.getProperty(dev.gatehouse.core.SecurityEvents.PATH_TEMPLATE),
              "(no endpoint)") + ": something other"
          + " than gatehouse-cors sets CORS headers (a response filter of the application, a"
          + " CORS filter of the runtime). Gatehouse answers CORS alone, from"
          + " gatehouse.cors.allowed-origins; remove the other producer. Logged once.");
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
