package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * With a replica per master, the harness gives a real cluster failover: a killed master's replica
 * takes its slots over and Jedis's cluster client writes there again; the old master comes back
 * as a replica.
 */
class RedisClusterTestServerWithReplicasIT {

  private static final RedisClusterTestServer cluster =
      RedisClusterTestServer.ownEmbeddedWithReplicas();
  private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(60);

  @BeforeAll
  static void start() {
    long start = System.nanoTime();
    cluster.start();
    System.out.printf("cluster of 3 masters and 3 replicas ready in %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    cluster.stop();
  }

  @Test
  void aKilledMastersReplicaTakesOverItsSlotsAndTheClientWritesThere() {
    assertThat(cluster.replicas()).hasSize(3).doesNotContainAnyElementsOf(cluster.nodes());
    String victim = cluster.nodes().get(1);
    String key = ClusterKeys.servedBy(victim, "");
    Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from)
        .collect(Collectors.toSet());
    try (RedisClusterClient client = RedisClusterClient.builder().nodes(seeds)
        .maxTotalRetriesDuration(Duration.ofSeconds(5)).build()) {
      client.set(key, "before");
      assertThat(client.waitReplicas(key, 1, 10_000)).isEqualTo(1);

      cluster.killNode(victim);
      long killedAt = System.nanoTime();
      String promoted = cluster.awaitFailover(victim, FAILOVER_LIMIT);
      long promotedAt = System.nanoTime();
      assertThat(promoted).isEqualTo(cluster.replicas().get(1));

      writeUntilItWorks(client, key, "after");
      System.out.printf("cluster failover: %s promoted %d ms after the kill, the client wrote "
          + "there %d ms after the kill%n", promoted, (promotedAt - killedAt) / 1_000_000,
          (System.nanoTime() - killedAt) / 1_000_000);
      try (Jedis direct = new Jedis(HostAndPort.from(promoted))) {
        assertThat(direct.get(key)).isEqualTo("after");
      }

      cluster.restartNode(victim);
      cluster.awaitClusterOk();
      try (Jedis old = new Jedis(HostAndPort.from(victim))) {
        assertThat(old.info("replication")).contains("role:slave");
      }
    }
  }

  /** The client finds the new owner of the slot once its topology is refreshed. */
  private static void writeUntilItWorks(RedisClusterClient client, String key, String value) {
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
