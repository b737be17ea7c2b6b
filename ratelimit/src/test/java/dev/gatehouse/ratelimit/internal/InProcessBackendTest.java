package dev.gatehouse.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitBackendContract;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InProcessBackendTest extends RateLimitBackendContract {

  @Override
  protected RateLimitBackend newBackend(Clock clock) {
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

  /**
   * The size the README and {@link InProcessBackend} state, about 155 bytes a bucket with its key,
   * as the heap retained by 100 000 buckets named as {@code @RateLimited(keys = USER)} names them:
   * the key (about 80), the map's node and table slot (about 40) and the bucket (32). The bound
   * leaves room for the collector's noise, not for another field in every bucket.
   */
  @Test
  void aHundredThousandBucketsRetainAbout155BytesEachWithTheirKeys() {
    int n = 100_000;
    long before = heapAfterCollection();
    InProcessBackend held = new InProcessBackend(n, clock);
    for (int i = 0; i < n; i++) {
      held.acquire(FIVE_PER_MINUTE, Limiter.bucket(FIVE_PER_MINUTE, "user",
          Limiter.hashed("user-" + i)));
    }
    long perBucket = (heapAfterCollection() - before) / n;
    assertThat(held.size()).isEqualTo(n);
    assertThat(perBucket).as("bytes per bucket with its key").isBetween(130L, 185L);
  }

  private static long heapAfterCollection() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
    advance(Duration.ofSeconds(61));
    for (int i = 0; i < 4; i++) {
      bounded.acquire(FIVE_PER_MINUTE, "contract:ip:busy");
    }
    bounded.acquire(FIVE_PER_MINUTE, "contract:ip:new");
    assertThat(bounded.size()).as("idle buckets went, not the busy one").isLessThan(100);
    assertThat(bounded.acquire(FIVE_PER_MINUTE, "contract:ip:busy").allowed()).isTrue();
    assertThat(bounded.acquire(FIVE_PER_MINUTE, "contract:ip:busy").allowed()).isFalse();
  }

  @Test
  void aFloodOfNewKeysEvictsIdleBucketsNotTheBusyOneOfTheFlooder() {
    // five a day: no bucket fills up again during the flood, so only use tells them apart
    RateLimitPolicy fivePerDay = RateLimitPolicy.builder("contract").limit(5)
        .period(Duration.ofDays(1)).build();
    InProcessBackend bounded = new InProcessBackend(1000, clock);
    for (int i = 0; i < 5; i++) {
      bounded.acquire(fivePerDay, "contract:ip:flooder");
    }
    for (int i = 0; i < 100_000; i++) {
      advance(Duration.ofMillis(1));
      bounded.acquire(fivePerDay, "contract:ip:flood-" + i);
      if (i % 50 == 0) {
        assertThat(bounded.acquire(fivePerDay, "contract:ip:flooder").allowed())
            .as("the flooder's bucket is still there and still empty after %d new keys", i)
            .isFalse();
      }
    }
    assertThat(bounded.size()).isLessThanOrEqualTo(1000);
  }
}
