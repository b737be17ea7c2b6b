package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import dev.gatehouse.ratelimit.RateLimited;
import dev.gatehouse.core.lint.Endpoint;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a {@link RateLimitFilter} to every endpoint that has policies: its {@link RateLimited}
 * ones (method and class) and the {@code default} policy when configured. A policy named but not
 * configured refuses start-up.
 */
public final class RateLimitFeature implements DynamicFeature {

  /** After authentication (1000), before authorization (2000). */
  public static final int PRIORITY = Priorities.AUTHENTICATION + 500;

  private final RateLimitRuntime runtime;

  public RateLimitFeature(RateLimitRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null || Endpoint.httpMethodOf(method).isEmpty()) {
      return;
    }
    List<RateLimitPolicy> policies = new ArrayList<>();
    runtime.settings().defaultPolicy().ifPresent(policies::add);
    for (RateLimited annotation : new RateLimited[] {type.getAnnotation(RateLimited.class),
        method.getAnnotation(RateLimited.class)}) {
      if (annotation == null) {
        continue;
      }
      for (String name : annotation.value()) {
        RateLimitPolicy policy = runtime.settings().policy(name).orElseThrow(() ->
            new GatehouseConfigException(RateLimitPolicy.PREFIX + name + ".limit: is required"
                + " because " + type.getSimpleName() + "#" + method.getName()
                + " uses @RateLimited(\"" + name + "\"); set " + RateLimitPolicy.PREFIX + name
                + ".limit and .period, e.g. 5 and PT1M"));
        if (!policies.contains(policy)) {
          policies.add(policy);
        }
      }
    }
    if (!policies.isEmpty()) {
      context.register(new RateLimitFilter(policies, runtime.limiter()), PRIORITY);
    }
  }

}
