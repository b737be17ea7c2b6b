package dev.gatehouse.bench.ratelimit;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.internal.BenchRateLimit;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One in-process rate-limit decision for a key already known: Gatehouse's backend, Bucket4j's
 * local bucket and resilience4j's {@code RateLimiter}, each per key in a
 * {@code ConcurrentHashMap}. One hot key, or 100,000 keys visited in a shuffled order; the
 * harness runs it on 1 and 2 threads. The policy allows a million calls a second per key, so the
 * hot key mostly takes the refusal path and the 100,000 keys the granting one, in every limiter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InProcessLimitBenchmark {

  @Param({"1", "100000"})
  public int keys;

  private String[] names;
  private RateLimitBackend gatehouse;
  private final ConcurrentHashMap<String, Bucket> bucket4j = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RateLimiter> resilience4j = new ConcurrentHashMap<>();

  /** Each thread's place among the keys. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    String take(String[] names) {
      if (++next >= names.length) {
        next = 0;
      }
      return names[next];
    }
  }

  @Setup
  public void setUp() {
    names = Limiters.keys(keys);
    gatehouse = BenchRateLimit.inProcess(Math.max(keys, 100_000));
    for (String name : names) {   // the buckets exist before measuring: decisions, not creation
      gatehouse(name);
      bucket4j(name);
      resilience4j(name);
    }
    // visited in an order unrelated to creation, so 100,000 keys are not walked in memory order
    Collections.shuffle(Arrays.asList(names), new Random(13));
  }

  @Setup(Level.Iteration)
  public void spread(Cursor cursor) {
    cursor.next = ThreadLocalRandom.current().nextInt(names.length);
  }

  @Benchmark
  public boolean gatehouse(Cursor c) {
    return gatehouse(c.take(names));
  }

  @Benchmark
  public boolean bucket4jLocal(Cursor c) {
    return bucket4j(c.take(names));
  }

  @Benchmark
  public boolean resilience4jMap(Cursor c) {
    return resilience4j(c.take(names));
  }

  private boolean gatehouse(String name) {
    return gatehouse.acquire(Limiters.GATEHOUSE, name).allowed();
  }

  private boolean bucket4j(String name) {
    Bucket b = bucket4j.get(name);
    if (b == null) {
      b = bucket4j.computeIfAbsent(name,
          n -> Bucket.builder().addLimit(Limiters.BUCKET4J.getBandwidths()[0]).build());
    }
    return b.tryConsume(1);
  }

  private boolean resilience4j(String name) {
    RateLimiter r = resilience4j.get(name);
    if (r == null) {
      r = resilience4j.computeIfAbsent(name, n -> RateLimiter.of(n, Limiters.RESILIENCE4J));
    }
    return r.acquirePermission();
  }
}
