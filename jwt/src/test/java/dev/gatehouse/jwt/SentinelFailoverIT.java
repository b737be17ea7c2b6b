package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RedisSentinelTestServer;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failover contract through Redis Sentinel: a master, its replica and three sentinels (which
 * call a master down after 1 s); and, with {@code wait-replicas=1}, what happens when no replica
 * can acknowledge.
 */
class SentinelFailoverIT extends FailoverContract {

  private final RedisSentinelTestServer redis = RedisSentinelTestServer.ownEmbedded();

  @Override
  Map<String, String> startRedis() {
    redis.start();
    return Map.of("gatehouse.redis.sentinels", String.join(",", redis.sentinels()),
        "gatehouse.redis.master-name", redis.masterName());
  }

  @Override
  void stopRedis() {
    redis.stop();
  }

  @Override
  void killMasterAndAwaitFailover() {
    redis.killMaster();
    redis.awaitFailover(Duration.ofSeconds(90));
  }

  @Override
  void restartKilledMasterAsReplica() {
    redis.restartOldMaster();
  }

  @Override
  String setup() {
    return "sentinel";
  }

  @Test
  void withAReplicaToWaitForAndNoneAnsweringARotationIsAStoreFailureNotASuccess() {
    start(1);
    Session s = login("no-replica");
    Response first = post("/auth/refresh", Map.of("refresh_token", s.refresh()), null);
    assertThat(first.statusCode()).isEqualTo(200);
    String current = first.jsonPath().getString("refresh_token");
    redis.killReplica();
    Response refused = post("/auth/refresh", Map.of("refresh_token", current), null);
    assertThat(refused.statusCode()).as("a rotation no replica acknowledged").isEqualTo(503);
    assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(post("/auth/logout", Map.of("refresh_token", current),
        first.jsonPath().getString("access_token")).statusCode())
        .as("a revocation no replica acknowledged").isEqualTo(503);
  }
}
