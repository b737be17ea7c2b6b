package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.ReadmeTable;
import dev.gatehouse.core.support.ReadmeTable.Words;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's defaults of {@code gatehouse.ratelimit.*}. */
class ReadmeDefaultsTest {

  @Test
  void theReadmeStatesTheDefaultsTheSettingsFallBackTo() {
    RateLimitSettings s = RateLimitSettings.fromConfig(ReadmeTable.config(
        "gatehouse.ratelimit.login.limit", "5", "gatehouse.ratelimit.login.period", "PT1M"));
    RateLimitPolicy login = s.policy("login").orElseThrow();
    String policy = RateLimitPolicy.PREFIX + "<policy>.";
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(policy + "limit", new Words("required for each policy used"));
    defaults.put(policy + "period", new Words("required for each policy used"));
    defaults.put(policy + "keys",
        login.keys().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    defaults.put(policy + "on-store-failure", login.allowOnStoreFailure() ? "allow" : "deny");
    defaults.put(RateLimitPolicy.PREFIX + RateLimitSettings.DEFAULT_POLICY + ".*",
        new Words("off"));
    defaults.put(RateLimitSettings.MAX_KEYS, s.maxKeys());
    ReadmeTable.read().assertDefaults(List.of(RateLimitPolicy.PREFIX), defaults);
    assertThat(s.defaultPolicy()).as("no default policy unless configured").isEmpty();
  }
}
