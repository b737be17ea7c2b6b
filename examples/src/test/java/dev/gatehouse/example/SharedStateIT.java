package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RedisTestServer;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;

/** The shared-state scenarios with both instances on one Redis server. */
class SharedStateIT extends SharedStateContract {

  private final RedisTestServer redis = RedisTestServer.ownEmbedded();

  @Override
  Map<String, String> startRedis() {
    redis.start();
    return Map.of("GATEHOUSE_REDIS_URL", redis.url());
  }

  @Override
  void stopRedis() {
    redis.stop();
  }

  @Override
  void forgetRateLimits() {
    try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
      Set<String> buckets = jedis.keys("gatehouse:rl:*");
      if (!buckets.isEmpty()) {
        jedis.del(buckets.toArray(String[]::new));
      }
      assertThat(jedis.keys("gatehouse:rl:*")).isEmpty();
    }
  }
}
