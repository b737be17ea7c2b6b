package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.lint.Endpoint;
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
}
