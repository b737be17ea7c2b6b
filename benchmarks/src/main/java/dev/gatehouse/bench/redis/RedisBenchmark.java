package dev.gatehouse.bench.redis;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis operations over one client pool: Gatehouse's rate-limit decision on a hot key and its
 * refresh-token rotation, Bucket4j's Jedis proxy on a hot key, and {@code PING}, the price of one
 * round trip. Round trips per operation are counted apart, by {@link RoundTrips}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisBenchmark {

  private UnifiedJedis redis;
  RedisOps ops;

  /** Each thread's own refresh-token family. */
  @State(Scope.Thread)
  public static class ThreadSession {
    RedisOps.Session session;

    @Setup
    public void start(RedisBenchmark bench) {
      session = bench.ops.session();
    }
  }

  @Setup
  public void open() {
    redis = BenchRedis.open();
    ops = new RedisOps(redis);
  }

  @TearDown
  public void close() {
    redis.close();
  }

  @Benchmark
  public String ping() {
    return ops.ping();
  }

  @Benchmark
  public boolean gatehouseRateLimitHotKey() {
    return ops.gatehouseRateLimit();
  }

  @Benchmark
  public boolean bucket4jJedisHotKey() {
    return ops.bucket4jJedis();
  }

  @Benchmark
  public Object gatehouseRefreshRotation(ThreadSession s) {
    return s.session.rotate();
  }
}
