package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import dev.gatehouse.ratelimit.RateLimitSettings;
import dev.gatehouse.ratelimit.RateLimited;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rate-limit policies of one endpoint — the single reading of {@link RateLimited} (class, then
 * method) that both the endpoint report and {@link RateLimitFilter} use — plus the {@code default}
 * policy when configured.
 *
 * @param policies every policy a call must pass, in order
 */
record RateLimitPlan(List<RateLimitPolicy> policies) {

  /** The policy names the endpoint's annotations give, class first, without repeats. */
  static Set<String> names(Endpoint endpoint) {
    Set<String> names = new LinkedHashSet<>();
    for (RateLimited annotation : new RateLimited[] {
        endpoint.resourceClass().getAnnotation(RateLimited.class),
        endpoint.method().getAnnotation(RateLimited.class)}) {
      if (annotation != null) {
        names.addAll(List.of(annotation.value()));
      }
    }
    return names;
  }

  /**
   * The endpoint's policies under {@code settings}.
   *
   * @throws GatehouseConfigException naming each policy that is used but not configured
   */
  static RateLimitPlan of(Endpoint endpoint, RateLimitSettings settings) {
    List<RateLimitPolicy> policies = new ArrayList<>();
    settings.defaultPolicy().ifPresent(policies::add);
    List<String> missing = new ArrayList<>();
    for (String name : names(endpoint)) {
      settings.policy(name).ifPresentOrElse(p -> {
        if (!policies.contains(p)) {
          policies.add(p);
        }
      }, () -> missing.add(RateLimitPolicy.PREFIX + name + ".limit: is required because "
          + endpoint.name() + " uses @RateLimited(\"" + name + "\"); set "
          + RateLimitPolicy.PREFIX + name + ".limit and .period, e.g. 5 and PT1M"));
    }
    if (!missing.isEmpty()) {
      throw new GatehouseConfigException(missing);
    }
    return new RateLimitPlan(List.copyOf(policies));
  }
}
