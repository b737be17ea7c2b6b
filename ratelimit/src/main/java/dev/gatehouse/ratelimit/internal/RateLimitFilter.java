package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bound to one resource method with its policies (after authentication, so per-user keys exist,
 * and before authorization, so refused callers are counted too). Buckets come from the policy and
 * the key — the client address Gatehouse resolved, or the subject — never from the path.
 */
final class RateLimitFilter implements ContainerRequestFilter {

  private final List<RateLimitPolicy> policies;
  private final Limiter limiter;

  RateLimitFilter(List<RateLimitPolicy> policies, Limiter limiter) {
    this.policies = List.copyOf(policies);
    this.limiter = limiter;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String ip = ClientAddress.of(request).map(ClientAddress::bucket).orElse("unknown");
    SecurityContext sc = request.getSecurityContext();
    Principal user = sc == null ? null : sc.getUserPrincipal();
    Limiter.Quota tightest = null;
    for (RateLimitPolicy policy : policies) {
      Set<String> buckets = new LinkedHashSet<>();
      if (policy.keys().contains(RateLimitPolicy.Key.IP) || user == null) {
        buckets.add(Limiter.bucket(policy, "ip", ip));
      }
      if (policy.keys().contains(RateLimitPolicy.Key.USER) && user != null) {
        buckets.add(Limiter.bucket(policy, "user", Limiter.hashed(user.getName())));
      }
      Limiter.Outcome outcome = limiter.apply(policy, buckets);
      if (outcome.refusal().isPresent()) {
        request.abortWith(outcome.refusal().get());
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
