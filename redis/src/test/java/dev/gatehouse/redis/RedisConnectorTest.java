package dev.gatehouse.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.RedisTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

class RedisConnectorTest {

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.ownEmbedded();

  private static final LuaScript ECHO = LuaScript.of("echo",
      "return {KEYS[1], ARGV[1], redis.call('TIME')[1]}");

  @Test
  @SuppressWarnings("unchecked")
  void runsScriptsWithEvalshaAndLoadsThemWhenRedisForgot() {
    try (UnifiedJedis client = RedisConnector.open(RedisSettings.of(redis.url(), Duration.ofSeconds(1)))) {
      client.scriptFlush();
      assertThat((List<Object>) ECHO.run(client, List.of("{t}:k"), List.of("v")))
          .startsWith("{t}:k", "v");
      assertThat(client.scriptExists(ECHO.sha1(), "{t}:k")).isTrue();
      assertThat((List<Object>) ECHO.run(client, List.of("{t}:k"), List.of("w"))).contains("w");
    }
  }

  @Test
  void anUnreachableRedisFailsWithinTheTimeout() {
    RedisSettings settings = RedisSettings.of("redis://127.0.0.1:1", Duration.ofMillis(300));
    try (UnifiedJedis client = RedisConnector.open(settings)) {
      long start = System.nanoTime();
      assertThatThrownBy(client::ping).isInstanceOf(JedisException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void settingsRefuseOtherSchemesAndNeverPrintPasswords() {
    assertThatThrownBy(() -> RedisSettings.of("http://cache:6379", Duration.ofSeconds(1)))
        .hasMessage("gatehouse.redis.url: \"http://cache:6379\" must look like redis://host:6379,"
            + " rediss://host:6380 (TLS) or redis-cluster://host1:6379,host2:6379 (a cluster)");
    assertThat(RedisSettings.of("rediss://app:s3cret@cache:6380/2", Duration.ofSeconds(1)))
        .hasToString("RedisSettings[rediss://***@cache:6380/2, timeout PT1S]")
        .satisfies(s -> assertThat(s.tls()).isTrue());
    assertThatThrownBy(() -> RedisSettings.of("redis://cache", Duration.ofMinutes(1)))
        .hasMessageStartingWith("gatehouse.redis.timeout: \"PT1M\" must be more than zero");
  }
}
