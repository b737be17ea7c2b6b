package dev.gatehouse.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InProcessBackendTest extends RateLimitBackendContract {

  @Override
  RateLimitBackend newBackend(MutableClock clock) {
    return new InProcessBackend(1000, clock);
  }

  @Test
  void aMillionDistinctAddressesStayWithinTheBound() {
    InProcessBackend bounded = new InProcessBackend(1000, clock);
    for (int i = 0; i < 1_000_000; i++) {
      bounded.acquire(FIVE_PER_MINUTE, "contract:ip:10." + (i >> 16) + "." + ((i >> 8) & 255)
          + "." + (i & 255));
    }
    assertThat(bounded.size()).isLessThanOrEqualTo(1000);
  }

  @Test
  void idleBucketsAreEvictedBeforeBusyOnes() {
    InProcessBackend bounded = new InProcessBackend(100, clock);
    for (int i = 0; i < 5; i++) {
      bounded.acquire(FIVE_PER_MINUTE, "contract:ip:busy");
    }
    for (int i = 0; i < 99; i++) {
      bounded.acquire(FIVE_PER_MINUTE, "contract:ip:idle-" + i);
    }
    clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 4; i++) {
      bounded.acquire(FIVE_PER_MINUTE, "contract:ip:busy");
    }
    bounded.acquire(FIVE_PER_MINUTE, "contract:ip:new");
    assertThat(bounded.size()).as("idle buckets went, not the busy one").isLessThan(100);
    assertThat(bounded.acquire(FIVE_PER_MINUTE, "contract:ip:busy").allowed()).isTrue();
    assertThat(bounded.acquire(FIVE_PER_MINUTE, "contract:ip:busy").allowed()).isFalse();
  }
}
