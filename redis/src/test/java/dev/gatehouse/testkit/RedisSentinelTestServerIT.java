package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The sentinel harness gives a real failover: Jedis's sentinel client writes, the master is
 * killed, the sentinels promote the replica and the same client writes to it. Started by hand
 * rather than as an extension, to report how long it takes.
 */
class RedisSentinelTestServerIT {

  private static final RedisSentinelTestServer redis = RedisSentinelTestServer.ownEmbedded();
  private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(60);

  @BeforeAll
  static void start() {
    long start = System.nanoTime();
    redis.start();
    System.out.printf("master, replica and 3 sentinels ready in %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    redis.stop();
  }

  @Test
  void theClientWritesToThePromotedReplicaAfterTheMasterIsKilled() {
    assertThat(redis.sentinels()).hasSize(3);
    String first = redis.masterAddress();
    Set<HostAndPort> sentinels = redis.sentinels().stream().map(HostAndPort::from)
        .collect(Collectors.toSet());
    try (RedisSentinelClient client = RedisSentinelClient.builder()
        .masterName(redis.masterName()).sentinels(sentinels).build()) {
      client.set("before", "1");
      assertThat(client.waitReplicas("before", 1, 10_000)).isEqualTo(1);

      assertThat(redis.killMaster()).isEqualTo(first);
      long killedAt = System.nanoTime();
      String promoted = redis.awaitFailover(FAILOVER_LIMIT);
      long promotedAt = System.nanoTime();
      assertThat(promoted).isNotEqualTo(first);

      writeUntilItWorks(client, "after", "2");
      System.out.printf("failover: replica %s promoted %d ms after the kill, the client wrote to "
          + "it %d ms after the kill%n", promoted, (promotedAt - killedAt) / 1_000_000,
          (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(client.getCurrentMaster()).hasToString(promoted);
      assertThat(client.get("before")).as("acknowledged by the replica before the kill")
          .isEqualTo("1");

      long restartAt = System.nanoTime();
      redis.restartOldMaster();
      System.out.printf("old master back as a replica %d ms after its restart%n",
          (System.nanoTime() - restartAt) / 1_000_000);
      // the promoted replica, or — after one more failover on a starved machine — the old master
      assertThat(redis.masterAddress()).isIn(promoted, first);
      assertThat(client.waitReplicas("after", 1, 10_000)).isEqualTo(1);
    }
  }

  /** The client learns of the new master from the sentinels' +switch-master, a moment later. */
  private static void writeUntilItWorks(RedisSentinelClient client, String key, String value) {
    long deadline = System.nanoTime() + FAILOVER_LIMIT.toNanos();
    while (true) {
      try {
        client.set(key, value);
        return;
      } catch (JedisException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
      try {
        Thread.sleep(50); // the interval of a bounded poll, not a wait for time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
