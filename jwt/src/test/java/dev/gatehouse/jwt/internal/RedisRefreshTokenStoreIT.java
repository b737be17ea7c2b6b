package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RefreshTokenStoreContract;
import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** The same contract against a real Redis. */
class RedisRefreshTokenStoreIT extends RefreshTokenStoreContract {

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.shared();

  private UnifiedJedis client;

  @Override
  protected RefreshTokenStore newStore() {
    client = RedisConnector.open(RedisSettings.of(redis.url(), Duration.ofSeconds(2)));
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
