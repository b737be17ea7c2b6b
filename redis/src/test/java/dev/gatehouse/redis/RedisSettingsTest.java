package dev.gatehouse.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisSettingsTest {

  @Test
  void aUrlIsRequiredAndTheTimeoutHasItsDefault() {
    assertThatThrownBy(() -> RedisSettings.builder().build()).hasMessage(
        "gatehouse.redis.url: is required; set it to redis://host:6379 or rediss://host:6380 (TLS)");
    assertThat(RedisSettings.builder().url("redis://cache:6379").build().timeout())
        .isEqualTo(RedisSettings.DEFAULT_TIMEOUT).hasMillis(500);
  }

  @Test
  void aPathOtherThanADatabaseNumberIsRefusedWithoutShowingThePassword() {
    assertThatThrownBy(() -> RedisSettings.builder().url("redis://app:s3cret@cache:6379/sessions"))
        .hasMessage("gatehouse.redis.url: \"redis://***@cache:6379/sessions\" names no database"
            + " number; end it with one, e.g. redis://host:6379/0, or with nothing");
    assertThat(RedisSettings.builder().url("redis://cache:6379/2").build().uri().getPath())
        .isEqualTo("/2");
  }
}
