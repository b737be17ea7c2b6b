package dev.gatehouse.bench.ratelimit;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.internal.BenchRateLimit;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Heap per in-process bucket, its key included: what {@code n} buckets named as
 * {@code @RateLimited(keys = USER)} names them retain after a full collection, divided by
 * {@code n} — the way {@code InProcessBackendTest} checks the README's figure. Run in a JVM that
 * does nothing else (the harness's own, after JMH's forks have ended).
 */
public final class Footprint {

  private Footprint() {
  }

  /** Bytes per bucket for each in-process limiter. */
  public static Map<String, Long> perBucket(int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("Gatehouse in-process backend", measure(n, keys -> {
      RateLimitBackend backend = BenchRateLimit.inProcess(n);
      for (String key : keys) {
        backend.acquire(Limiters.GATEHOUSE, key);
      }
      hold(backend);
    }));
    out.put("Bucket4j local, ConcurrentHashMap", measure(n, keys -> {
      ConcurrentHashMap<String, Bucket> map = new ConcurrentHashMap<>();
      for (String key : keys) {
        map.computeIfAbsent(key,
            k -> Bucket.builder().addLimit(Limiters.BUCKET4J.getBandwidths()[0]).build())
            .tryConsume(1);
      }
      hold(map);
    }));
    out.put("resilience4j RateLimiter, ConcurrentHashMap", measure(n, keys -> {
      ConcurrentHashMap<String, RateLimiter> map = new ConcurrentHashMap<>();
      for (String key : keys) {
        map.computeIfAbsent(key, k -> RateLimiter.of(k, Limiters.RESILIENCE4J))
            .acquirePermission();
      }
      hold(map);
    }));
    return out;
  }

  private static Object held;

  private static void hold(Object o) {
    held = o;
  }

  /** The keys are made inside the measured block, so they count as part of each bucket. */
  private static long measure(int n, Consumer<String[]> build) {
    held = null;
    long before = heapAfterCollection();
    build.accept(Limiters.keys(n));
    long after = heapAfterCollection();
    Reference.reachabilityFence(held);
    held = null;
    return (after - before) / n;
  }

  private static long heapAfterCollection() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
