package dev.gatehouse.core.spi;

import dev.gatehouse.core.lint.Endpoint;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The resource method a request matched, as core's first post-matching filter found it (one
 * lookup per request) — for Gatehouse's own modules' filters, which run after it.
 *
 * <pre>{@code
 * if (!Matched.known(request)) return;          // core did not run: do not claim; core refuses
 * Endpoint e = Matched.endpoint(request);       // null: the runtime's own handler, not an endpoint
 * AccessPolicy policy = Matched.plan(request, "jwt", AccessPolicy.class);
 * }</pre>
 */
public final class Matched {

  private Matched() {
  }

  /** Whether core has looked the request's method up (false before matching or if it did not run). */
  public static boolean known(ContainerRequestContext request) {
    return dev.gatehouse.core.internal.EndpointFilter.planOf(request) != null;
  }

  /** The matched endpoint, or null when there is none (not known, or not an endpoint). */
  public static Endpoint endpoint(ContainerRequestContext request) {
    var plan = dev.gatehouse.core.internal.EndpointFilter.planOf(request);
    return plan == null ? null : plan.endpoint();
  }

  /**
   * The common start of a module's request filter: the plan {@code module} prepared for the matched
   * endpoint, with the request {@link Guarantees#claim claimed} under {@code mark} — or null when
   * the filter has nothing to do: the request was claimed already (a second installation), core has
   * not matched it (core then refuses it), it is the runtime's own handler (claimed, nothing to
   * check), or the endpoint was not prepared (left unclaimed, so core refuses it).
   *
   * <pre>{@code
   * RateLimitPlan plan = Matched.claim(request, "ratelimit", MARK, RateLimitPlan.class);
   * if (plan == null) return;
   * }</pre>
   */
  public static <T> T claim(ContainerRequestContext request, String module, String mark,
      Class<T> type) {
    if (Guarantees.claimed(request, mark) || !known(request)) {
      return null;
    }
    if (endpoint(request) == null) {
      Guarantees.claim(request, mark);
      return null;
    }
    T plan = plan(request, module, type);
    if (plan != null) {
      Guarantees.claim(request, mark);
    }
    return plan;
  }

  /** What {@code module} prepared for the matched endpoint, or null. */
  public static <T> T plan(ContainerRequestContext request, String module, Class<T> type) {
    var plan = dev.gatehouse.core.internal.EndpointFilter.planOf(request);
    if (plan == null) {
      return null;
    }
    Object p = plan.modulePlans().get(module);
    return type.isInstance(p) ? type.cast(p) : null;
  }
}
