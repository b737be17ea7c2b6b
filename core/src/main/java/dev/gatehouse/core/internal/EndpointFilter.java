package dev.gatehouse.core.internal;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.core.spi.Guarantees;
import dev.gatehouse.core.spi.Lazy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * The first filter after matching, before authentication: finds the matched method's
 * {@link EndpointPlan} (one map lookup), records the path template for events and enforces the
 * body limit — 413 at once for a declared {@code Content-Length} above it, otherwise a counting
 * stream that fails at the limit (chunked bodies, lying headers). A method refused by the lint at
 * its first request is answered 500. When the runtime cannot say which method matched, the request
 * is refused: nothing is served unchecked.
 */
@Provider
@Priority(GatehousePriorities.ENDPOINT)
public final class EndpointFilter implements ContainerRequestFilter {

  /** Set on every matched request core has checked; the guard requires it. */
  static final String MARK = "dev.gatehouse.core.endpoint";
  /** The request property holding the matched method's {@link EndpointPlan}. */
  static final String PLAN = "dev.gatehouse.core.plan";

  @Context
  private ResourceInfo resource;

  private final Lazy<CoreRuntime> runtime = Lazy.bean(CoreRuntime.class);

  @Override
  public void filter(ContainerRequestContext request) {
    if (!Guarantees.claim(request, MARK)) {
      return;
    }
    if (resource == null) {
      request.abortWith(Problem.of(500).detail(Problem.UNEXPECTED_DETAIL)
          .event(SecurityEventType.SERVER_ERROR, "resource_info_unavailable").toResponse());
      return;
    }
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null) {
      return; // the runtime's own handler (automatic OPTIONS): no endpoint, nothing to enforce
    }
    EndpointPlan plan = runtime.get().endpoints().plan(type, method);
    request.setProperty(PLAN, plan);
    if (plan.endpoint() != null) {
      request.setProperty(SecurityEvents.PATH_TEMPLATE, plan.endpoint().path());
    }
    if (plan.refusal() != null) {
      request.abortWith(Problem.of(500).detail(Problem.UNEXPECTED_DETAIL)
          .event(SecurityEventType.SERVER_ERROR, plan.refusal()).toResponse());
      return;
    }
    long maxBytes = plan.bodyLimit();
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && exceeds(declared.trim(), maxBytes)) {
      request.abortWith(tooLarge(maxBytes).toResponse());
      return;
    }
    request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes,
        runtime.get().settings().body().readTimeout()));
  }

  /** The plan core found for the request's method, or null before matching. */
  public static EndpointPlan planOf(ContainerRequestContext request) {
    return request.getProperty(PLAN) instanceof EndpointPlan p ? p : null;
  }

  static Problem tooLarge(long maxBytes) {
    return Problem.of(413)
        .detail("The request body is larger than the " + maxBytes + " bytes this endpoint accepts.")
        .event(SecurityEventType.BODY_TOO_LARGE, "limit_" + maxBytes);
  }

  private static boolean exceeds(String declared, long maxBytes) {
    // A Content-Length with more digits than a long holds is certainly too large.
    if (declared.length() > 18) {
      return true;
    }
    for (int i = 0; i < declared.length(); i++) {
      if (declared.charAt(i) < '0' || declared.charAt(i) > '9') {
        return false; // malformed: the container rejects it; the counting stream guards anyway
      }
    }
    return !declared.isEmpty() && Long.parseLong(declared) > maxBytes;
  }
}
