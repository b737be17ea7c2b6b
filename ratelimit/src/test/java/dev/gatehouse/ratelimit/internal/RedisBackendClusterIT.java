package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitBackendContract;
import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.RedisClusterTestServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** The rate-limit contract, unchanged, on a real three-master Redis Cluster. */
class RedisBackendClusterIT extends RateLimitBackendContract {

  @RegisterExtension
  static final RedisClusterTestServer cluster = RedisClusterTestServer.shared();

  private UnifiedJedis client;

  @Override
  protected RateLimitBackend newBackend(Clock clock) {
    client = RedisConnector.open(RedisSettings.builder().url(cluster.url())
        .timeout(Duration.ofSeconds(2)).build());
    return new RedisBackend(client, clock);
  }

  @AfterEach
  void close() {
    client.close();
  }
}
