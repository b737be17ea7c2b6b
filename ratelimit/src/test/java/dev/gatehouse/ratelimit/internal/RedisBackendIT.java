package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitBackendContract;
import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.RedisTestServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** The same contract against a real Redis (GCRA in Lua, Redis's clock shifted by the test's). */
class RedisBackendIT extends RateLimitBackendContract {

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.shared();

  private UnifiedJedis client;

  @Override
  protected RateLimitBackend newBackend(Clock clock) {
    client = RedisConnector.open(RedisSettings.of(redis.url(), Duration.ofSeconds(2)));
    return new RedisBackend(client, clock);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @org.junit.jupiter.api.Test
  void onTheSystemClockDecisionsUseRedisTime() {
    RateLimitBackend real = new RedisBackend(client, java.time.Clock.systemUTC());
    String b = bucket();
    for (int i = 0; i < 5; i++) {
      org.assertj.core.api.Assertions.assertThat(real.acquire(FIVE_PER_MINUTE, b).allowed()).isTrue();
    }
    RateLimitBackend.Decision refused = real.acquire(FIVE_PER_MINUTE, b);
    org.assertj.core.api.Assertions.assertThat(refused.allowed()).isFalse();
    org.assertj.core.api.Assertions.assertThat(refused.retryAfterSeconds()).isBetween(11L, 12L);
  }
}
