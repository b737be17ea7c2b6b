package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import java.util.List;
import java.util.Set;

/**
 * Puts each endpoint's rate-limit policies in the endpoint report, read by {@link RateLimitPlan}
 * as the filter enforces them; it never refuses.
 */
public final class RateLimitRule implements EndpointRule {

  @Override
  public String id() {
    return "rate-limit";
  }

  @Override
  public List<String> columns() {
    return List.of("rate limit");
  }

  @Override
  public int reportPosition() {
    return 400; // how often
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    Set<String> names = RateLimitPlan.names(endpoint);
    if (!names.isEmpty()) {
      findings.note("rate limit", String.join(", ", names)
          + (findings.reportOnly(dev.gatehouse.core.RolloutSettings.RATELIMIT)
              ? " (report-only)" : ""));
    }
    RateLimitPlan plan;
    try {
      plan = RateLimitRuntime.current().plan(endpoint);
    } catch (RuntimeException refused) {
      return; // an unknown policy is refused by the module's preparation
    }
    // "name limit period keys", e.g. "login 5 PT1M ip": what a test needs to reach the limit
    for (RateLimitPolicy p : plan.policies()) {
      findings.fact("rate-limit", p.name() + " " + p.limit() + " " + p.period() + " "
          + p.keys().stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted()
          .collect(java.util.stream.Collectors.joining("+")));
    }
  }
}
