package dev.gatehouse.bench.redis;

import dev.gatehouse.redis.RedisConnector;
import dev.gatehouse.redis.RedisSettings;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/** The Redis the benchmarks use: {@value #ENV}, else {@value #DEFAULT_URL}. */
public final class BenchRedis {

  public static final String ENV = "GATEHOUSE_BENCH_REDIS_URL";
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  private BenchRedis() {
  }

  public static String url() {
    String url = System.getenv(ENV);
    return url == null || url.isBlank() ? DEFAULT_URL : url.trim();
  }

  /** A client as Gatehouse opens one (its pool, its timeouts). */
  public static UnifiedJedis open() {
    return RedisConnector.open(RedisSettings.of(url(), Duration.ofSeconds(2)));
  }

  /** Whether Redis answers at all; the harness skips the Redis cases when it does not. */
  public static boolean reachable() {
    try (UnifiedJedis redis = open()) {
      return "PONG".equals(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
