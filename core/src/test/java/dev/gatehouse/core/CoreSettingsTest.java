package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pins the defaults documented in the README table. */
class CoreSettingsTest {

  private static CoreSettings fromNothing() {
    return CoreSettings.fromConfig(new SmallRyeConfigBuilder().build());
  }

  @Test
  void defaultsAreTheStrictestWorkingValues() {
    CoreSettings s = fromNothing();
    assertThat(s.body().maxBytes()).isEqualTo(1_048_576L);
    assertThat(s.json().maxDepth()).isEqualTo(64);
    assertThat(s.json().maxNumberLength()).isEqualTo(64);
    assertThat(s.json().maxStringLength()).isEqualTo(1_048_576);
    assertThat(s.json().allowControlCharacters()).isFalse();
    assertThat(s.https().hstsHeader()).contains("max-age=31536000; includeSubDomains");
    assertThat(s.https().redirect()).isFalse();
    assertThat(s.https().port()).isEqualTo(443);
    assertThat(s.proxies().isEmpty()).isTrue();
    assertThat(s.docs().enabled()).isFalse();
    assertThat(s.docs().roles()).containsExactly("admin");
    assertThat(s.paging().maxSize()).isEqualTo(100);
    assertThat(s.paging().defaultSize()).isEqualTo(20);
    assertThat(s.headers().always()).containsExactly(
        java.util.Map.entry("X-Content-Type-Options", "nosniff"),
        java.util.Map.entry("X-Frame-Options", "DENY"),
        java.util.Map.entry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
        java.util.Map.entry("Referrer-Policy", "no-referrer"),
        java.util.Map.entry("Cross-Origin-Resource-Policy", "same-origin"),
        java.util.Map.entry("Cross-Origin-Opener-Policy", "same-origin"),
        java.util.Map.entry("Cross-Origin-Embedder-Policy", "require-corp"),
        java.util.Map.entry("Permissions-Policy", SecurityHeaders.DENY_ALL_FEATURES),
        java.util.Map.entry("X-Permitted-Cross-Domain-Policies", "none"));
    assertThat(s.headers().cacheControl()).contains("no-store");
    assertThat(s.headers().clearSiteData()).contains("\"cache\",\"cookies\",\"storage\"");
    assertThat(HttpsPolicy.DEFAULT_MAX_AGE).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void headersCanBeRemovedOrChanged() {
    SecurityHeaders h = SecurityHeaders.builder().set("frame-options", "off")
        .set("content-security-policy", "default-src 'self'").set("cache-control", "off").build();
    assertThat(h.always()).doesNotContainKey("X-Frame-Options")
        .containsEntry("Content-Security-Policy", "default-src 'self'");
    assertThat(h.cacheControl()).isEmpty();
  }

  @Test
  void summaryNamesEveryProtection() {
    assertThat(fromNothing().summary()).contains("strict JSON", "body limit 1048576",
        "UTF-8 only, control characters refused",
        "X-Frame-Options", "HSTS max-age=31536000", "trusted proxies none", "docs hidden",
        "page size max 100");
  }
}
