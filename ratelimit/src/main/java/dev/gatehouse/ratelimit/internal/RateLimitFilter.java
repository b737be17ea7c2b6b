package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.RolloutSettings;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.core.spi.Matched;
import dev.gatehouse.core.spi.Rollout;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Applies each endpoint's {@link RateLimitPlan} (after authentication, so per-user keys exist, and
 * before authorization, so refused callers are counted too). Buckets come from the policy and the
 * key — the client address Gatehouse resolved, or the subject — never from the path. It claims
 * {@link #MARK} on each request it checked; core refuses an endpoint request without it, so a
 * runtime that did not install this filter fails closed, and a second registration counts nothing
 * twice.
 *
 * <p>It uses a {@link Limiter} and the request-scoped {@link RequestAddress}, which it records for
 * {@link dev.gatehouse.ratelimit.RateLimits#attempt}. The Jakarta REST runtime creates the filter
 * (a CDI bean only on some runtimes), so it takes both from {@link RateLimitRuntime} once, on its
 * first request — after start-up, when settings given in code are in force.
 *
 * <p>With {@code ratelimit} in {@code gatehouse.rollout.report-only}, a call over a limit is
 * served instead of answered 429, and its {@code RATE_LIMITED} event is fired marked not enforced.
 * A store failure is answered as {@code on-store-failure} says either way.
 */
@Provider
@Priority(GatehousePriorities.RATE_LIMIT)
public final class RateLimitFilter implements ContainerRequestFilter {

  static final String MARK = "dev.gatehouse.ratelimit.checked";

  private final Lazy<RequestAddress> requestAddress =
      new Lazy<>(() -> RateLimitRuntime.current().requestAddress());
  private final Lazy<Limiter> limiter = new Lazy<>(() -> RateLimitRuntime.current().limiter());
  private final Lazy<Boolean> reportOnly =
      new Lazy<>(() -> Rollout.reportOnly(RolloutSettings.RATELIMIT));

  @Override
  public void filter(ContainerRequestContext request) {
    RateLimitPlan plan = Matched.claim(request, RateLimitModule.NAME, MARK, RateLimitPlan.class);
    if (plan == null) {
      return;
    }
    Limiter limiter = this.limiter.get();
    java.util.Optional<ClientAddress> client = ClientAddress.of(request);
    client.ifPresent(requestAddress.get()::set);
    if (plan.policies().isEmpty()) {
      return;
    }
    String ip = client.map(ClientAddress::bucket).orElse("unknown");
    SecurityContext sc = request.getSecurityContext();
    Principal user = sc == null ? null : sc.getUserPrincipal();
    Limiter.Quota tightest = null;
    for (RateLimitPolicy policy : plan.policies()) {
      Set<String> buckets = new LinkedHashSet<>();
      if (policy.keys().contains(RateLimitPolicy.Key.IP) || user == null) {
        buckets.add(Limiter.bucket(policy, "ip", ip));
      }
      if (policy.keys().contains(RateLimitPolicy.Key.USER) && user != null) {
        buckets.add(Limiter.bucket(policy, "user", Limiter.hashed(user.getName())));
      }
      Limiter.Outcome outcome = limiter.apply(policy, buckets);
      if (outcome.refusal().isPresent()) {
        if (reportOnly.get()) {
          SecurityEvents.notEnforced(request, RolloutSettings.RATELIMIT, outcome.refusal().get());
        } else {
          request.abortWith(outcome.refusal().get().toResponse());
        }
        return;
      }
      if (outcome.storeFailureAllowed()) {
        SecurityEvents.fire(request, SecurityEventType.SERVER_ERROR,
            "ratelimit_store_unavailable_allowed");
      }
      if (outcome.quota() != null
          && (tightest == null || outcome.quota().remaining() < tightest.remaining())) {
        tightest = outcome.quota();
      }
    }
    if (tightest != null) {
      request.setProperty(Limiter.QUOTA, tightest);
    }
  }
}
