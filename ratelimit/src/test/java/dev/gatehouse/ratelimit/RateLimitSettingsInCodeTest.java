package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.TestAuthFilter;
import dev.gatehouse.ratelimit.support.LimitedResources;
import dev.gatehouse.ratelimit.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Policies built in code and given to {@link GatehouseRateLimitFeature} are the ones enforced —
 * by {@code @RateLimited} and by {@link RateLimits} — instead of the configured ones.
 */
class RateLimitSettingsInCodeTest {

  static final RateLimitSettings IN_CODE = RateLimitSettings.builder()
      .policy(RateLimitPolicy.builder("login").limit(2).period(Duration.ofMinutes(1)).build())
      .policy(RateLimitPolicy.builder("login-account").limit(1).period(Duration.ofMinutes(1))
          .build())
      .build();

  /** The configuration says 3 logins a minute and 2 per account; the code says 2 and 1. */
  @RegisterExtension
  static final EmbeddedServer server = EmbeddedServer.builder()
      .registerInstances(new GatehouseRateLimitFeature(IN_CODE))
      .register(TestAuthFilter.class, LimitedResources.Auth.class)
      .properties(Servers.POLICIES)
      .build();

  private static List<Integer> statuses(String path, String email, int calls) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      out.add(given().contentType("application/json").body(Map.of("email", email))
          .post(path).then().extract().statusCode());
    }
    return out;
  }

  @Test
  void aPolicyBuiltInCodeAnswers429AtItsLimit() {
    assertThat(statuses("/auth/login", "a@b.c", 3)).containsExactly(200, 200, 429);
  }

  @Test
  void rateLimitsInCodeUseThePoliciesBuiltInCode() {
    assertThat(statuses("/auth/account", "in-code@b.c", 2)).containsExactly(200, 429);
  }
}
