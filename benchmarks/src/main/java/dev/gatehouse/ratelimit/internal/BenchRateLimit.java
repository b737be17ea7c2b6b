package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import java.time.Clock;
import redis.clients.jedis.UnifiedJedis;

/**
 * The benchmarks' door to the package-private backends: same package name, another jar, so the
 * benchmarks measure the classes {@code RateLimitRuntime} builds, on the system clock.
 */
public final class BenchRateLimit {

  private BenchRateLimit() {
  }

  /** The in-process backend holding at most {@code maxKeys} buckets. */
  public static RateLimitBackend inProcess(int maxKeys) {
    return new InProcessBackend(maxKeys, Clock.systemUTC());
  }

  /** The Redis backend on the given client. */
  public static RateLimitBackend redis(UnifiedJedis redis) {
    return new RedisBackend(redis, Clock.systemUTC());
  }
}
