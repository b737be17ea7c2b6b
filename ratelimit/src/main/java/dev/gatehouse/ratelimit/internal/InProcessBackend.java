package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Buckets in this process: the generic cell rate algorithm (GCRA), the same arithmetic as the
 * Redis script, so both backends give the same answers. A bucket is one number, its theoretical
 * arrival time, updated by compare-and-set (lock-free decisions). A burst of {@code limit} calls
 * is allowed, then one per {@code period / limit}: never the "limit at the end of one window and
 * limit again at the start of the next" of a fixed window (resilience4j's limiter refills every
 * permit at each cycle boundary, so it let 9 logins of a 5-per-minute policy through in 3 s).
 *
 * <p>Buckets live in an access-ordered map of at most {@code maxKeys} entries: a bucket whose
 * arrival time has passed is full again and is dropped first; past the bound the least recently
 * used goes. So a million distinct addresses cost at most {@code maxKeys} buckets, never
 * unbounded memory: about 180 bytes a bucket with its key (about 100 without), measured as the heap
 * 100 000 buckets named like {@code login:user:<22-character hash>} retain on a 64-bit JVM with
 * compressed references (JOL's {@code GraphLayout}: 178; {@code InProcessBackendTest} checks it), so
 * about 18 MB at the default {@code gatehouse.ratelimit.memory.max-keys} of 100 000.
 */
final class InProcessBackend implements RateLimitBackend {

  private static final int EVICTION_SCAN = 64;

  private final int maxKeys;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true);

  /** A bucket's theoretical arrival time (ns on {@link #nanoTime}) under one policy. */
  private record Bucket(AtomicLong tat, RateLimitPolicy policy) {
  }

  InProcessBackend(int maxKeys, Clock clock) {
    this.maxKeys = maxKeys;
    Clock c = clock;
    this.nanoTime = c.equals(Clock.systemUTC()) ? System::nanoTime
        : () -> c.millis() * 1_000_000L;
  }

  @Override
  public Decision acquire(RateLimitPolicy policy, String bucket) {
    long interval = interval(policy);
    long tolerance = interval * policy.limit();
    AtomicLong tat = bucket(policy, bucket).tat();
    while (true) {
      long now = nanoTime.getAsLong();
      long current = tat.get();
      long start = Math.max(current, now);
      long ahead = start - now;
      if (ahead > tolerance - interval) {
        return new Decision(false, 0, Duration.ofNanos(ahead - (tolerance - interval)));
      }
      long next = start + interval;
      if (tat.compareAndSet(current, next)) {
        return new Decision(true, (int) ((tolerance - (next - now)) / interval), Duration.ZERO);
      }
    }
  }

  @Override
  public void giveBack(RateLimitPolicy policy, String bucket, int calls) {
    Bucket b;
    synchronized (this) {
      b = buckets.get(bucket);
    }
    if (b == null || b.policy() != policy) {
      return;
    }
    long interval = interval(policy);
    long now = nanoTime.getAsLong();
    if (calls >= policy.limit()) {
      b.tat().set(now);
      return;
    }
    b.tat().updateAndGet(t -> Math.max(now, t - interval * calls));
  }

  /** The emission interval: one call every {@code period / limit}. */
  private static long interval(RateLimitPolicy policy) {
    return policy.period().toNanos() / policy.limit();
  }

  private synchronized Bucket bucket(RateLimitPolicy policy, String name) {
    Bucket b = buckets.get(name);
    if (b == null || b.policy() != policy) {
      long now = nanoTime.getAsLong();
      if (buckets.size() >= maxKeys) {
        evict(now);
      }
      b = new Bucket(new AtomicLong(now), policy);
      buckets.put(name, b);
    }
    return b;
  }

  /**
   * Drops buckets that are full again (their arrival time passed) among the least recently used
   * {@value #EVICTION_SCAN}; if none, the eldest. Bounded work per new bucket, so a flood of new
   * addresses costs no scan of the whole map per request.
   */
  private void evict(long now) {
    Iterator<Bucket> it = buckets.values().iterator();
    int removed = 0;
    for (int seen = 0; seen < EVICTION_SCAN && it.hasNext(); seen++) {
      if (it.next().tat().get() - now <= 0) {
        it.remove();
        removed++;
      }
    }
    if (removed == 0) {
      Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** Buckets held now. */
  synchronized int size() {
    return buckets.size();
  }
}
