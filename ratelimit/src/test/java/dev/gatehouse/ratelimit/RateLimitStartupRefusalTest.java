package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ratelimit.support.LimitedResources;
import dev.gatehouse.ratelimit.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitStartupRefusalTest {

  private static List<String> problems(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class).problems();
  }

  /** Names a policy nobody configured. */
  @Path("/typo")
  public static class Typo {
    @GET
    @RateLimited("logn")
    public String get() {
      return "x";
    }
  }

  @Test
  void refusesAPolicyNamedButNotConfigured() {
    assertThat(problems(Servers.withPolicies().register(Typo.class))).containsExactly(
        "gatehouse.ratelimit.logn.limit: is required because Typo#get uses @RateLimited(\"logn\");"
            + " set gatehouse.ratelimit.logn.limit and .period, e.g. 5 and PT1M");
  }

  @Test
  void refusesInvalidPolicies() {
    assertThat(problems(Servers.withPolicies()
        .property("gatehouse.ratelimit.login.limit", "0")
        .property("gatehouse.ratelimit.per-user.period", "PT0.5S")
        .property("gatehouse.ratelimit.login-account.keys", "ip,session")
        .property("gatehouse.ratelimit.search.limit", "10"))).containsExactlyInAnyOrder(
        "gatehouse.ratelimit.login-account.keys: \"session\" is not a key; use ip, user or ip,user",
        "gatehouse.ratelimit.login.limit: \"0\" must be from 1 to 1000000, e.g. 5",
        "gatehouse.ratelimit.per-user.period: \"PT0.5S\" must be whole seconds from PT1S to P1D,"
            + " e.g. PT1M",
        "gatehouse.ratelimit.search.period: is required for rate-limit policy search; set"
            + " both gatehouse.ratelimit.search.limit and gatehouse.ratelimit.search.period, e.g."
            + " 5 and PT1M");
  }

  @Test
  void settingsBuiltInCodeThatArriveAfterEndpointsWerePreparedRefuseStartUp() {
    EmbeddedServer late = EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class)
        .registerInstances(new GatehouseRateLimitFeature(RateLimitSettingsInCodeTest.IN_CODE))
        .register(LimitedResources.Auth.class)
        .properties(Servers.POLICIES)
        .build();
    assertThat(late.refusal(IllegalStateException.class)).rootCause().hasMessage(
        "RateLimitSettings built in code arrived after Gatehouse prepared endpoints under the"
            + " configured ones; register new GatehouseRateLimitFeature(settings) before any"
            + " other Gatehouse feature");
  }

  @Test
  void policiesComeFromEnvironmentStyleNamesToo() {
    assertThat(RateLimitSettings.policyName("GATEHOUSE_RATELIMIT_LOGIN_ACCOUNT_LIMIT"))
        .contains("login-account");
    assertThat(RateLimitSettings.policyName("GATEHOUSE_RATELIMIT_LOGIN_ON_STORE_FAILURE"))
        .contains("login");
    assertThat(RateLimitSettings.policyName("gatehouse.ratelimit.memory.max-keys")).isEmpty();
    assertThat(RateLimitSettings.policyName("gatehouse.ratelimit.login.period")).contains("login");
  }
}
