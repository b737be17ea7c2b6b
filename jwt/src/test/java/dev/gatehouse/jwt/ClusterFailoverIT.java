package dev.gatehouse.jwt;

import dev.gatehouse.testkit.RedisClusterTestServer;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The failover contract on a Redis Cluster of three masters with a replica each (nodes marked
 * failed after 2 s): the master killed is the one holding the most sessions when it is killed,
 * so the load is sure to meet it.
 */
class ClusterFailoverIT extends FailoverContract {

  private final RedisClusterTestServer cluster = RedisClusterTestServer.ownEmbeddedWithReplicas();
  private String killed;

  @Override
  Map<String, String> startRedis() {
    cluster.start();
    return Map.of("gatehouse.redis.url", cluster.url());
  }

  @Override
  void stopRedis() {
    cluster.stop();
  }

  @Override
  void killMasterAndAwaitFailover() {
    killed = cluster.nodes().stream().max(Comparator.comparingInt(ClusterFailoverIT::sessions))
        .orElseThrow();
    cluster.killNode(killed);
    cluster.awaitFailover(killed, Duration.ofSeconds(90));
  }

  @Override
  void restartKilledMasterAsReplica() {
    cluster.restartNode(killed); // it rejoins with its identity and finds its slots taken over
    cluster.awaitClusterOk();
  }

  /** The session families a master holds (KEYS lists a node's own keys). */
  private static int sessions(String node) {
    try (Jedis jedis = new Jedis(HostAndPort.from(node))) {
      return jedis.keys("gatehouse:rt:{*}").size();
    }
  }

  @Override
  String setup() {
    return "cluster";
  }
}
