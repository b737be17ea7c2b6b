package dev.gatehouse.ratelimit.support;

import dev.gatehouse.core.support.TestAuthFilter;
import dev.gatehouse.ratelimit.GatehouseRateLimitFeature;
import dev.gatehouse.testkit.EmbeddedServer;
import java.util.List;
import java.util.Map;

/** The rate-limit test application and its policies. */
public final class Servers {

  public static final List<Class<?>> COMPONENTS = List.of(GatehouseRateLimitFeature.class,
      TestAuthFilter.class, LimitedResources.Auth.class, LimitedResources.Api.class,
      LimitedResources.Open.class);

  public static final Map<String, String> POLICIES = Map.of(
      "gatehouse.ratelimit.login.limit", "3",
      "gatehouse.ratelimit.login.period", "PT1M",
      "gatehouse.ratelimit.login-account.limit", "2",
      "gatehouse.ratelimit.login-account.period", "PT1M",
      "gatehouse.ratelimit.per-user.limit", "2",
      "gatehouse.ratelimit.per-user.period", "PT10S",
      "gatehouse.ratelimit.per-user.keys", "user");

  private Servers() {
  }

  public static EmbeddedServer.Builder withPolicies() {
    EmbeddedServer.Builder b = EmbeddedServer.builder();
    COMPONENTS.forEach(b::register);
    return b.properties(POLICIES);
  }
}
