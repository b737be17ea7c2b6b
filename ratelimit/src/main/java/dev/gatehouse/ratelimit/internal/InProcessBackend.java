package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Buckets in this process: the generic cell rate algorithm (GCRA), the same arithmetic as the
 * Redis script, so both backends give the same answers. A bucket is one number, its theoretical
 * arrival time, updated by compare-and-set (lock-free decisions). A burst of {@code limit} calls
 * is allowed, then one per {@code period / limit}: never the "limit at the end of one window and
 * limit again at the start of the next" of a fixed window (resilience4j's limiter refills every
 * permit at each cycle boundary, so it let 9 logins of a 5-per-minute policy through in 3 s).
 *
 * <p>Buckets live in a concurrent map of at most {@code maxKeys} entries; finding one takes no
 * lock, only creating one does. Past the bound, a new bucket makes room by looking at the next
 * {@value #EVICTION_SCAN} buckets of a sweep through the map: those whose arrival time has passed
 * (full again, so forgetting them changes no answer) are dropped; if none has, the least recently
 * used of those goes — an approximated LRU, as Redis evicts, so a flood of new addresses pushes
 * out idle buckets, not the busy one of the caller flooding. So a million distinct addresses cost
 * at most {@code maxKeys} buckets, never unbounded memory: about 155 bytes a bucket with its
 * key, measured as the heap 100 000 buckets named like {@code login:user:<22-character hash>}
 * retain on a 64-bit JVM with compressed references (the benchmarks' footprint measure;
 * {@code InProcessBackendTest} checks it), so about 16 MB at the default of 100 000 keys.
 */
final class InProcessBackend implements RateLimitBackend {

  private static final int EVICTION_SCAN = 64;

  private final int maxKeys;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>(1024);
  /** Where the eviction sweep goes on; touched only under the creation lock. */
  private Iterator<Map.Entry<String, Bucket>> sweep;

  /**
   * A bucket: its theoretical arrival time (ns on {@link #nanoTime}), changed only by
   * compare-and-set, and when it was last used — a hint for eviction, written without ordering.
   */
  private static final class Bucket {
    private static final VarHandle TAT;

    static {
      try {
        TAT = MethodHandles.lookup().findVarHandle(Bucket.class, "tat", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final RateLimitPolicy policy;
    private volatile long tat;
    long lastUsed;

    Bucket(RateLimitPolicy policy, long now) {
      this.policy = policy;
      this.tat = now;
      this.lastUsed = now;
    }

    boolean compareAndSet(long expected, long next) {
      return TAT.compareAndSet(this, expected, next);
    }
  }

  InProcessBackend(int maxKeys, Clock clock) {
    this.maxKeys = maxKeys;
    Clock c = clock;
    this.nanoTime = Clocks.isSystem(c) ? System::nanoTime
        : () -> c.millis() * 1_000_000L;
  }

  @Override
  public Decision acquire(RateLimitPolicy policy, String bucket) {
    long interval = interval(policy);
    long tolerance = interval * policy.limit();
    Bucket b = bucket(policy, bucket);
    while (true) {
      long now = nanoTime.getAsLong();
      b.lastUsed = now;
      long current = b.tat;
      long start = Math.max(current, now);
      long ahead = start - now;
      if (ahead > tolerance - interval) {
        return new Decision(false, 0, Duration.ofNanos(ahead - (tolerance - interval)));
      }
      long next = start + interval;
      if (b.compareAndSet(current, next)) {
        return new Decision(true, (int) ((tolerance - (next - now)) / interval), Duration.ZERO);
      }
    }
  }

  @Override
  public void giveBack(RateLimitPolicy policy, String bucket, int calls) {
    Bucket b = buckets.get(bucket);
    if (b == null || b.policy != policy) {
      return;
    }
    long interval = interval(policy);
    long now = nanoTime.getAsLong();
    while (true) {
      long current = b.tat;
      long next = calls >= policy.limit() ? now : Math.max(now, current - interval * calls);
      if (b.compareAndSet(current, next)) {
        return;
      }
    }
  }

  /** The emission interval: one call every {@code period / limit}. */
  private static long interval(RateLimitPolicy policy) {
    return policy.period().toNanos() / policy.limit();
  }

  private Bucket bucket(RateLimitPolicy policy, String name) {
    Bucket b = buckets.get(name);
    return b != null && b.policy == policy ? b : create(policy, name);
  }

  private synchronized Bucket create(RateLimitPolicy policy, String name) {
    Bucket b = buckets.get(name);
    if (b != null && b.policy == policy) {
      return b; // another thread made it meanwhile
    }
    long now = nanoTime.getAsLong();
    if (b == null && buckets.size() >= maxKeys) {
      evict(now);
    }
    b = new Bucket(policy, now);
    buckets.put(name, b);
    return b;
  }

  /**
   * Looks at the next {@value #EVICTION_SCAN} buckets of the sweep: drops those that are full
   * again; if none is, the least recently used of them. Bounded work per new bucket, so a flood
   * of new addresses costs no scan of the whole map per request.
   */
  private void evict(long now) {
    String oldest = null;
    long oldestUse = Long.MAX_VALUE;
    int removed = 0;
    for (int seen = 0; seen < EVICTION_SCAN; seen++) {
      if (sweep == null || !sweep.hasNext()) {
        sweep = buckets.entrySet().iterator();
        if (!sweep.hasNext()) {
          return;
        }
      }
      Map.Entry<String, Bucket> e = sweep.next();
      Bucket b = e.getValue();
      if (b.tat - now <= 0) {
        buckets.remove(e.getKey(), b);
        removed++;
      } else if (b.lastUsed < oldestUse) {
        oldestUse = b.lastUsed;
        oldest = e.getKey();
      }
    }
    if (removed == 0 && oldest != null) {
      buckets.remove(oldest);
    }
  }

  /** Buckets held now. */
  int size() {
    return buckets.size();
  }
}
