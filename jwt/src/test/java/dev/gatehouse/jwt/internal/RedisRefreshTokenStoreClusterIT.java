package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RefreshTokenStoreContract;
import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.RedisClusterTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * The refresh-token contract, unchanged, on a real three-master Redis Cluster: each family's
 * scripts run on its slot's master (a key of another slot would fail with {@code CROSSSLOT}), and a
 * script loaded on one master is loaded again on another that does not know it ({@code NOSCRIPT}).
 */
class RedisRefreshTokenStoreClusterIT extends RefreshTokenStoreContract {

  @RegisterExtension
  static final RedisClusterTestServer cluster = RedisClusterTestServer.shared();

  private UnifiedJedis client;

  @Override
  protected RefreshTokenStore newStore() {
    client = RedisConnector.open(RedisSettings.builder().url(cluster.url())
        .timeout(Duration.ofSeconds(2)).build());
    return new RedisRefreshTokenStore(client);
  }

  @Override
  protected long heldFor(String family) {
    return client.keys(RedisRefreshTokenStore.familyKey(family) + "*").size();
  }

  @AfterEach
  void close() {
    client.close();
  }
}
