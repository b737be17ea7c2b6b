package dev.gatehouse.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Which clock a Redis decision runs on. Instances must agree on the time, so the backend leaves
 * it to Redis ({@code TIME}) unless the application supplies a clock that is not the system's.
 */
class RedisBackendClockTest {

  @Test
  void aSystemClockInAnyZoneLeavesTheTimeToRedis() {
    for (Clock system : new Clock[] {Clock.systemUTC(), Clock.systemDefaultZone(),
        Clock.system(ZoneId.of("Asia/Tokyo")), Clock.system(ZoneOffset.ofHours(-7))}) {
      assertThat(new RedisBackend(null, system).now()).as(system.toString()).isEmpty();
    }
  }

  @Test
  void anotherClockIsSentInMicroseconds() {
    Clock fixed = Clock.fixed(Instant.parse("2026-11-29T10:00:00.123456Z"), ZoneOffset.UTC);
    assertThat(new RedisBackend(null, fixed).now()).isEqualTo("1795946400123456");
  }
}
