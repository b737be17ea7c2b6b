package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.EndpointContract;
import dev.gatehouse.core.spi.GatehouseModule;
import java.util.List;

/** The rate-limit module as core sees it: every endpoint's policies, checked on every call. */
public final class RateLimitModule implements GatehouseModule {

  static final String NAME = "ratelimit";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Class<?>> providers() {
    return List.of(RateLimitFilter.class, RateLimitHeadersFilter.class);
  }

  @Override
  public String requestMark() {
    return RateLimitFilter.MARK;
  }

  @Override
  public Object prepare(Endpoint endpoint) {
    return RateLimitRuntime.current().plan(endpoint);
  }

  /**
   * 429 for an endpoint with {@code @RateLimited} policies ({@link RateLimitPlan#names}). A
   * configured {@code default} policy is settings, not an annotation, and is not documented here.
   */
  @Override
  public void document(Endpoint endpoint, EndpointContract contract) {
    java.util.Set<String> names = RateLimitPlan.names(endpoint);
    if (!names.isEmpty()) {
      contract.problem(429, "Rate limited (" + String.join(", ", names) + "); retry after"
          + " Retry-After seconds");
    }
  }
}
