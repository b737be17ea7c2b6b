package dev.gatehouse.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisSettingsTest {

  @Test
  void aUrlIsRequiredAndTheTimeoutHasItsDefault() {
    assertThatThrownBy(() -> RedisSettings.builder().build()).hasMessage(
        "gatehouse.redis.url: is required; set it to redis://host:6379 or rediss://host:6380 (TLS),"
            + " or set gatehouse.redis.sentinels and gatehouse.redis.master-name");
    assertThat(RedisSettings.builder().url("redis://cache:6379").build().timeout())
        .isEqualTo(RedisSettings.DEFAULT_TIMEOUT).hasMillis(500);
  }

  @Test
  void aPathOtherThanADatabaseNumberIsRefusedWithoutShowingThePassword() {
    assertThatThrownBy(() -> RedisSettings.builder().url("redis://app:s3cret@cache:6379/sessions"))
        .hasMessage("gatehouse.redis.url: \"redis://***@cache:6379/sessions\" names no database"
            + " number; end it with one, e.g. redis://host:6379/0, or with nothing");
    assertThat(RedisSettings.builder().url("redis://cache:6379/2").build().database())
        .isEqualTo(2);
  }

  @Test
  void aClusterUrlListsItsNodesAndNamesNoDatabase() {
    RedisSettings s = RedisSettings.builder()
        .url("redis-cluster://app:s3cret@10.0.0.1:7000,10.0.0.2,[::1]:7002").build();
    assertThat(s.mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
    assertThat(s.nodes()).containsExactly("10.0.0.1:7000", "10.0.0.2:6379", "[::1]:7002");
    assertThat(s.user()).contains("app");
    assertThat(s.toString()).doesNotContain("s3cret")
        .contains("redis-cluster://***@10.0.0.1:7000,10.0.0.2,[::1]:7002");
    assertThat(RedisSettings.builder().url("rediss-cluster://a:1,b:2").build().tls()).isTrue();
    assertThatThrownBy(() -> RedisSettings.builder().url("redis-cluster://a:1,b:2/3"))
        .hasMessageContaining("a cluster has only database 0");
    assertThatThrownBy(() -> RedisSettings.builder().url("redis://a:1,b:2"))
        .hasMessageContaining("for a cluster start it with redis-cluster://");
    assertThatThrownBy(() -> RedisSettings.builder().url("redis-cluster://a:1,,b:2"))
        .hasMessageContaining("where a host:port belongs");
    assertThatThrownBy(() -> RedisSettings.builder().url("redis-cluster://x:pw@a:1,u:secret@b:2"))
        .hasMessageContaining("has an @ in its credentials").hasMessageNotContaining("secret")
        .hasMessageNotContaining("pw");
  }

  @Test
  void sentinelModeNeedsTheMastersNameAndNoUrl() {
    RedisSettings s = RedisSettings.builder().sentinels("s1:26379, s2,s3:26380")
        .masterName("mymaster").waitReplicas(1).build();
    assertThat(s.mode()).isEqualTo(RedisSettings.Mode.SENTINEL);
    assertThat(s.nodes()).containsExactly("s1:26379", "s2:26379", "s3:26380");
    assertThat(s.masterName()).contains("mymaster");
    assertThat(s.waitReplicas()).isEqualTo(1);
    assertThat(s.toString()).isEqualTo("RedisSettings[sentinel mymaster@s1:26379,s2:26379,"
        + "s3:26380, timeout PT0.5S, wait-replicas 1]");
    assertThatThrownBy(() -> RedisSettings.builder().sentinels("s1").build())
        .hasMessageStartingWith("gatehouse.redis.master-name: is required with"
            + " gatehouse.redis.sentinels");
    assertThatThrownBy(() -> RedisSettings.builder().url("redis://c:6379").masterName("m")
        .build()).hasMessageContaining("gatehouse.redis.sentinels is not");
    assertThatThrownBy(() -> RedisSettings.builder().waitReplicas(17))
        .hasMessageStartingWith("gatehouse.redis.wait-replicas: \"17\" must be from 0 to 16");
  }

  @Test
  void urlAndSentinelsTogetherAreRefused() {
    assertThatThrownBy(() -> RedisSettings.fromConfig(dev.gatehouse.core.support.ReadmeTable
        .config(RedisSettings.URL, "redis://c:6379", RedisSettings.SENTINELS, "s1:26379",
            RedisSettings.MASTER_NAME, "m"))).hasMessageContaining("gatehouse.redis.url: and"
            + " gatehouse.redis.sentinels are both set; keep one");
  }
}
