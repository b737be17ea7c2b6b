package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Buckets in this process, one resilience4j {@link AtomicRateLimiter} each (lock-free decisions),
 * held in an access-ordered map of at most {@code maxKeys} entries: a bucket unused for a whole
 * period is full again and is dropped first; past the bound the least recently used goes. So a
 * million distinct addresses cost at most {@code maxKeys} limiters (about 300 bytes each), never
 * unbounded memory.
 */
public final class InProcessBackend implements RateLimitBackend {

  private final int maxKeys;
  private final Supplier<Long> nanoTime;
  private final LinkedHashMap<String, Entry> buckets = new LinkedHashMap<>(1024, 0.75f, true);

  private record Entry(AtomicRateLimiter limiter, RateLimitPolicy policy, long[] lastUsed) {
  }

  public InProcessBackend(int maxKeys, Clock clock) {
    this.maxKeys = maxKeys;
    Clock c = clock;
    this.nanoTime = c.equals(Clock.systemUTC()) ? System::nanoTime
        : () -> c.millis() * 1_000_000L;
  }

  @Override
  public Decision acquire(RateLimitPolicy policy, String bucket) {
    AtomicRateLimiter limiter = limiter(policy, bucket);
    if (limiter.acquirePermission(1)) {
      return new Decision(true, limiter.getDetailedMetrics().getAvailablePermissions(),
          Duration.ZERO);
    }
    long wait = limiter.getDetailedMetrics().getNanosToWait();
    return new Decision(false, 0, Duration.ofNanos(Math.max(wait, 1)));
  }

  private synchronized AtomicRateLimiter limiter(RateLimitPolicy policy, String bucket) {
    long now = nanoTime.get();
    Entry e = buckets.get(bucket);
    if (e == null || e.policy() != policy) {
      if (buckets.size() >= maxKeys) {
        evict(now);
      }
      RateLimiterConfig config = RateLimiterConfig.custom()
          .limitForPeriod(policy.limit())
          .limitRefreshPeriod(policy.period())
          .timeoutDuration(Duration.ZERO)
          .build();
      e = new Entry(new AtomicRateLimiter(bucket, config, nanoTime), policy, new long[] {now});
      buckets.put(bucket, e);
    }
    e.lastUsed()[0] = now;
    return e.limiter();
  }

  /** Drops idle buckets (full again anyway); if none, the least recently used one. */
  private void evict(long now) {
    Iterator<Entry> it = buckets.values().iterator();
    int removed = 0;
    while (it.hasNext()) {
      Entry e = it.next();
      if (now - e.lastUsed()[0] > e.policy().period().toNanos()) {
        it.remove();
        removed++;
      }
    }
    if (removed == 0) {
      Iterator<Map.Entry<String, Entry>> eldest = buckets.entrySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** Buckets held now. */
  public synchronized int size() {
    return buckets.size();
  }
}
