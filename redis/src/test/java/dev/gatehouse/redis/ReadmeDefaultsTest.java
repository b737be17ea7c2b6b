package dev.gatehouse.redis;

import dev.gatehouse.core.support.ReadmeTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's defaults of {@code gatehouse.redis.*}. */
class ReadmeDefaultsTest {

  @Test
  void theReadmeStatesTheDefaultsTheSettingsFallBackTo() {
    RedisSettings withUrl = RedisSettings.fromConfig(ReadmeTable.config(RedisSettings.URL,
        "redis://localhost:6379")).orElseThrow();
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(RedisSettings.URL, RedisSettings.fromConfig(ReadmeTable.config()));
    defaults.put(RedisSettings.TIMEOUT, withUrl.timeout());
    defaults.put(RedisSettings.USER, withUrl.user());
    defaults.put(RedisSettings.PASSWORD, withUrl.password());
    defaults.put(RedisSettings.PASSWORD_FILE, withUrl.password());
    defaults.put(RedisSettings.SENTINELS, Optional.empty());
    defaults.put(RedisSettings.MASTER_NAME, withUrl.masterName());
    defaults.put(RedisSettings.WAIT_REPLICAS, withUrl.waitReplicas());
    ReadmeTable.read().assertDefaults(List.of("gatehouse.redis."), defaults);
  }
}
