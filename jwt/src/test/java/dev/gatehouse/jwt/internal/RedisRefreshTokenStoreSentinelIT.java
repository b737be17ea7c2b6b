package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RefreshTokenStoreContract;
import dev.gatehouse.redis.Durability;
import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.RedisSentinelTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * The refresh-token contract, unchanged, through Redis Sentinel (a master, its replica, three
 * sentinels), with every rotation and revocation waiting for the replica
 * ({@code wait-replicas=1}).
 */
class RedisRefreshTokenStoreSentinelIT extends RefreshTokenStoreContract {

  @RegisterExtension
  static final RedisSentinelTestServer sentinel = RedisSentinelTestServer.shared();

  private UnifiedJedis client;

  @Override
  protected RefreshTokenStore newStore() {
    RedisSettings settings = RedisSettings.builder()
        .sentinels(String.join(",", sentinel.sentinels())).masterName(sentinel.masterName())
        .timeout(Duration.ofSeconds(2)).waitReplicas(1).build();
    client = RedisConnector.open(settings);
    return new RedisRefreshTokenStore(client, Durability.of(settings));
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
