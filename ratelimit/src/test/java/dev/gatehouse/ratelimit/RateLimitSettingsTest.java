package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ratelimit.RateLimitPolicy.Key;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Policies built in code pass the checks that properties pass, with the same messages. */
class RateLimitSettingsTest {

  private static Config config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
  }

  @Test
  void aPolicyBuiltInCodeHasTheDefaultsOfAConfiguredOne() {
    RateLimitPolicy login = RateLimitPolicy.builder("login")
        .limit(5).period(Duration.ofMinutes(1)).build();
    assertThat(login.keys()).isEqualTo(RateLimitPolicy.DEFAULT_KEYS).containsExactly(Key.IP);
    assertThat(login.allowOnStoreFailure()).isFalse();
    assertThat(login.policyHeader()).isEqualTo("\"login\";q=5;w=60");
    assertThat(RateLimitSettings.builder().build().maxKeys())
        .isEqualTo(RateLimitSettings.DEFAULT_MAX_KEYS).isEqualTo(100_000);
  }

  @Test
  void eachSetterRefusesABadValueNamingThePropertyItWouldBeReadFrom() {
    RateLimitPolicy.Builder b = RateLimitPolicy.builder("login");
    assertThatThrownBy(() -> b.limit(0)).hasMessage(
        "gatehouse.ratelimit.login.limit: \"0\" must be from 1 to 1000000, e.g. 5");
    assertThatThrownBy(() -> b.period(Duration.ofMillis(500))).hasMessage(
        "gatehouse.ratelimit.login.period: \"PT0.5S\" must be whole seconds from PT1S to P1D,"
            + " e.g. PT1M");
    assertThatThrownBy(() -> b.keys(Set.of())).hasMessage(
        "gatehouse.ratelimit.login.keys: \"[]\" must name ip, user or both");
    assertThatThrownBy(() -> RateLimitPolicy.builder("Login")).hasMessage(
        "gatehouse.ratelimit.Login: \"Login\" is not a policy name; use lower-case letters, digits"
            + " and -, e.g. login");
    assertThatThrownBy(() -> RateLimitSettings.builder().maxKeys(10)).hasMessage(
        "gatehouse.ratelimit.memory.max-keys: \"10\" must be from 100 to 10000000, e.g. 100000");
  }

  @Test
  void buildRequiresTheLimitAndThePeriodAsConfigurationDoes() {
    String missing = "gatehouse.ratelimit.search.period: is required for rate-limit policy"
        + " search; set both gatehouse.ratelimit.search.limit and"
        + " gatehouse.ratelimit.search.period, e.g. 5 and PT1M";
    assertThatThrownBy(() -> RateLimitPolicy.builder("search").limit(10).build())
        .hasMessage(missing);
    assertThatThrownBy(() -> RateLimitSettings.fromConfig(config(Map.of(
        "gatehouse.ratelimit.search.limit", "10"))))
        .isInstanceOf(GatehouseConfigException.class)
        .extracting(e -> ((GatehouseConfigException) e).problems())
        .isEqualTo(java.util.List.of(missing));
  }

  @Test
  void aPolicyCannotBeGivenTwice() {
    RateLimitPolicy login = RateLimitPolicy.of("login", 5, Duration.ofMinutes(1), Set.of(Key.IP));
    RateLimitSettings.Builder b = RateLimitSettings.builder().policy(login);
    assertThatThrownBy(() -> b.policy(login)).hasMessageStartingWith(
        "gatehouse.ratelimit.login: \"login=5/PT1M by [IP]\" is given twice");
  }

  @Test
  void configurationIsReadThroughTheBuilder() {
    RateLimitSettings read = RateLimitSettings.fromConfig(config(Map.of(
        "gatehouse.ratelimit.login.limit", "5",
        "gatehouse.ratelimit.login.period", "PT1M",
        "gatehouse.ratelimit.login.keys", "ip,user",
        "gatehouse.ratelimit.login.on-store-failure", "allow",
        "gatehouse.ratelimit.memory.max-keys", "1000")));
    RateLimitPolicy login = read.policy("login").orElseThrow();
    assertThat(login.keys()).containsExactlyInAnyOrder(Key.IP, Key.USER);
    assertThat(login.allowOnStoreFailure()).isTrue();
    assertThat(read.maxKeys()).isEqualTo(1000);
    assertThat(read.defaultPolicy()).isEmpty();
  }
}
