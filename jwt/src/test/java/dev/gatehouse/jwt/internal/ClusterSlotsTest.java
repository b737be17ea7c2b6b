package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * On a Redis Cluster a script may touch only keys of one hash slot: every key each of the
 * refresh-token store's scripts is called with shares its family's hash tag, whatever the family
 * id (random here) — the same slot as Redis computes it (Jedis's CRC16, which honours
 * {@code {…}} tags).
 */
class ClusterSlotsTest {

  private static int slot(String key) {
    return JedisClusterCRC16.getSlot(key);
  }

  @RepeatedTest(20)
  void everyKeyOfARefreshTokenScriptIsInItsFamilysSlot() {
    String family = UUID.randomUUID().toString();
    List<List<String>> scriptKeys = List.of(
        List.of(RedisRefreshTokenStore.familyKey(family)), // START
        List.of(RedisRefreshTokenStore.familyKey(family),
            RedisRefreshTokenStore.sealedKey(family)), // ROTATE
        List.of(RedisRefreshTokenStore.familyKey(family),
            RedisRefreshTokenStore.sealedKey(family))); // REVOKE
    for (List<String> keys : scriptKeys) {
      assertThat(keys).extracting(ClusterSlotsTest::slot).containsOnly(slot("{" + family + "}"));
    }
  }
}
