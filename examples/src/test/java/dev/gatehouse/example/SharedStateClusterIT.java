package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RedisClusterTestServer;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The shared-state scenarios with both instances on a real three-master Redis Cluster
 * ({@code GATEHOUSE_REDIS_URL=redis-cluster://…}): sessions, their revocation and the login
 * limit are shared across instances with the keys spread over the masters.
 */
class SharedStateClusterIT extends SharedStateContract {

  private final RedisClusterTestServer cluster = RedisClusterTestServer.ownEmbedded();

  @Override
  Map<String, String> startRedis() {
    cluster.start();
    return Map.of("GATEHOUSE_REDIS_URL", cluster.url());
  }

  @Override
  void stopRedis() {
    cluster.stop();
  }

  /** Each master holds the buckets of its own slots: each is emptied on its own. */
  @Override
  void forgetRateLimits() {
    for (String node : cluster.nodes()) {
      try (Jedis jedis = new Jedis(HostAndPort.from(node))) {
        for (String bucket : jedis.keys("gatehouse:rl:*")) {
          jedis.del(bucket);
        }
        assertThat(jedis.keys("gatehouse:rl:*")).isEmpty();
      }
    }
  }
}
