package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The cluster harness gives a real Redis Cluster: Jedis's cluster client spreads keys over all
 * three masters, scripts run on keys that share a hash tag and Redis refuses keys of two slots.
 * Started by hand rather than as an extension, to report how long it takes.
 */
class RedisClusterTestServerIT {

  private static final RedisClusterTestServer cluster = RedisClusterTestServer.ownEmbedded();
  private static final String SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]); "
      + "redis.call('SET', KEYS[2], ARGV[1]); return redis.call('MGET', KEYS[1], KEYS[2])";

  @BeforeAll
  static void start() {
    long start = System.nanoTime();
    cluster.start();
    System.out.printf("cluster of 3 masters (%s) ready in %d ms%n", RedisBinary.version(),
        (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    cluster.stop();
  }

  @Test
  void theUrlNamesTheThreeMastersAsSeeds() {
    assertThat(cluster.nodes()).hasSize(3).allMatch(n -> n.matches("127\\.0\\.0\\.1:\\d+"));
    assertThat(cluster.url()).isEqualTo("redis-cluster://" + String.join(",", cluster.nodes()));
  }

  @Test
  void theClusterClientWritesKeysThatLandOnEachOfTheThreeMasters() {
    try (RedisClusterClient client = client()) {
      for (String node : cluster.nodes()) {
        String key = ClusterKeys.servedBy(node, "");
        client.set(key, "on " + node);
        try (Jedis direct = new Jedis(HostAndPort.from(node))) {
          assertThat(direct.get(key)).as("read from %s itself", node).isEqualTo("on " + node);
        }
        assertThat(client.get(key)).isEqualTo("on " + node);
      }
    }
  }

  @Test
  void evalshaRunsOnTwoKeysSharingAHashTagAndRedisRefusesKeysOfTwoSlots() {
    try (RedisClusterClient client = client()) {
      String sha = client.scriptLoad(SCRIPT, "{user:7}:a");
      assertThat(client.evalsha(sha, List.of("{user:7}:a", "{user:7}:b"), List.of("v")))
          .isEqualTo(List.of("v", "v"));

      String node = cluster.nodes().get(0);
      String first = ClusterKeys.servedBy(node, "x");
      String second = ClusterKeys.servedBy(node, "y");
      assertThat(JedisClusterCRC16.getSlot(first)).isNotEqualTo(JedisClusterCRC16.getSlot(second));
      try (Jedis direct = new Jedis(HostAndPort.from(node))) {
        direct.scriptLoad(SCRIPT);
        assertThatThrownBy(() -> direct.evalsha(sha, List.of(first, second), List.of("v")))
            .isInstanceOf(JedisDataException.class).hasMessageStartingWith("CROSSSLOT");
      }
      assertThatThrownBy(() -> client.evalsha(sha, List.of(first, second), List.of("v")))
          .isInstanceOf(JedisException.class);
    }
  }

  @Test
  void aKilledMasterTakesItsSlotsAwayUntilItIsRestarted() {
    String victim = cluster.nodes().get(2);
    String key = ClusterKeys.servedBy(victim, "k");
    try (RedisClusterClient client = client()) {
      client.set(key, "before");
      cluster.killNode(victim);
      assertThatThrownBy(() -> client.set(key, "while down")).isInstanceOf(JedisException.class);

      long start = System.nanoTime();
      cluster.restartNode(victim);
      cluster.awaitClusterOk();
      System.out.printf("killed master back in the cluster %d ms after its restart%n",
          (System.nanoTime() - start) / 1_000_000);
      client.set(key, "after");
      assertThat(client.get(key)).isEqualTo("after");
    }
  }

  private static RedisClusterClient client() {
    Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from)
        .collect(Collectors.toSet());
    return RedisClusterClient.builder().nodes(seeds).maxTotalRetriesDuration(Duration.ofSeconds(5))
        .build();
  }
}
