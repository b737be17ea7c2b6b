package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.ratelimit.RateLimited;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Puts each endpoint's rate-limit policies in the endpoint report; it never refuses. */
public final class RateLimitNote implements EndpointRule {

  @Override
  public String id() {
    return "rate-limit";
  }

  @Override
  public List<String> columns() {
    return List.of("rate limit");
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    Set<String> names = new LinkedHashSet<>();
    for (RateLimited r : new RateLimited[] {endpoint.resourceClass().getAnnotation(RateLimited.class),
        endpoint.method().getAnnotation(RateLimited.class)}) {
      if (r != null) {
        names.addAll(List.of(r.value()));
      }
    }
    if (!names.isEmpty()) {
      findings.note("rate limit", String.join(", ", names));
    }
  }
}
