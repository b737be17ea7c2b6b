package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RefreshTokenStoreContract;
import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import dev.gatehouse.testkit.RedisClusterTestServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
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

  /**
   * A script is loaded per master: after {@code SCRIPT FLUSH} on every master, sessions started
   * and revoked on each of them load the scripts there again ({@code NOSCRIPT}, then
   * {@code SCRIPT LOAD} on the key's node) and work.
   */
  @Test
  void aScriptUnknownToAMasterIsLoadedThereAndRun() {
    for (String node : cluster.nodes()) {
      try (Jedis jedis = new Jedis(HostAndPort.from(node))) {
        jedis.scriptFlush();
        assertThat(jedis.scriptExists(RedisRefreshTokenStore.REVOKE.sha1())).isFalse();
      }
    }
    Set<String> mastersUsed = new HashSet<>();
    for (int i = 0; i < 1000 && mastersUsed.size() < cluster.nodes().size(); i++) {
      String family = startFamily("noscript-" + i);
      store.revokeFamily(family);
      assertThat(store.family(family, now())).isEmpty();
      for (String node : cluster.nodes()) {
        try (Jedis jedis = new Jedis(HostAndPort.from(node))) {
          // KEYS lists a node's own keys; EXISTS of another node's key would answer MOVED
          if (!jedis.keys(RedisRefreshTokenStore.familyKey(family)).isEmpty()) {
            mastersUsed.add(node);
          }
        }
      }
    }
    assertThat(mastersUsed).containsExactlyInAnyOrderElementsOf(cluster.nodes());
    for (String node : cluster.nodes()) {
      try (Jedis jedis = new Jedis(HostAndPort.from(node))) {
        assertThat(jedis.scriptExists(RedisRefreshTokenStore.START.sha1(),
            RedisRefreshTokenStore.REVOKE.sha1())).as(node).containsOnly(true);
      }
    }
  }
}
