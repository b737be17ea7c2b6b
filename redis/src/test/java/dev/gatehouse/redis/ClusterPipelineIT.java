package dev.gatehouse.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.RedisClusterTestServer;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A cluster pipeline whose node is lost between sending and reading (as every pipeline in flight
 * to a master killed in a failover) is read as a store failure — a {@code JedisException}, which
 * callers answer 503 — never as the {@code IllegalStateException} Jedis leaves behind, which
 * reached clients as a 500 in the failover test.
 */
class ClusterPipelineIT {

  @RegisterExtension
  static final RedisClusterTestServer cluster = RedisClusterTestServer.ownEmbedded();

  @Test
  void aPipelineWhoseNodeIsLostBeforeItAnswersIsAStoreFailure() {
    Set<HostAndPort> seeds = cluster.nodes().stream().map(HostAndPort::from)
        .collect(Collectors.toSet());
    try (JedisCluster redis = new JedisCluster(seeds)) {
      redis.set("gatehouse:pipeline-probe", "1");
      var p = redis.pipelined();
      Response<Boolean> exists = p.exists("gatehouse:pipeline-probe"); // sent on its connection
      cluster.nodes().forEach(cluster::killNode); // whichever node holds the key is gone
      p.sync(); // Jedis logs the lost connection and returns

      assertThatThrownBy(exists::get).as("what Jedis leaves behind")
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> Pipelines.answer(exists))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessage("the pipeline's connection was lost before this command was answered");
    }
  }

  @Test
  void anAnsweredCommandReadsAsItsAnswer() {
    assertThat(Pipelines.answer(answered("OK"))).isEqualTo("OK");
  }

  private static Response<String> answered(String value) {
    Response<String> r = new Response<>(redis.clients.jedis.BuilderFactory.STRING);
    r.set(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return r;
  }
}
