package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import dev.gatehouse.redis.LuaScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Buckets in Redis, shared by every instance: the generic cell rate algorithm (GCRA) in one Lua
 * script per decision ({@code EVALSHA}, one round trip), on Redis's own clock ({@code TIME}), so
 * instances with skewed clocks still agree. (An application {@code Clock} bean other than the
 * system clock in any zone — a test's — replaces Redis's clock, so expiry can be tested without
 * sleeping.) The bucket holds one number, the theoretical arrival time, under a key with a hash
 * tag and a TTL of at most one period. No read-compare-retry loop on the client, so a hot key
 * costs one script run per call, not a storm of retries.
 */
final class RedisBackend implements RateLimitBackend {

  /** Lua: {@code now} in µs, ARGV[3] when the test's clock gave one, else Redis's TIME. */
  private static final String NOW = """
      local now
      if ARGV[3] == '' then
        local t = redis.call('TIME')
        now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      else
        now = tonumber(ARGV[3])
      end
      """;

  /** Lua: stores {@code new_tat}, expiring when the bucket is full again. */
  private static final String STORE_TAT = """
      redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX',
        math.ceil((new_tat - now) / 1000) + 1)
      """;

  /**
   * KEYS[1] bucket. ARGV: emission interval T (µs), tolerance τ = limit·T (µs), and now (µs) or
   * empty to use Redis's TIME. Returns {allowed, remaining, retry-after µs}.
   */
  static final LuaScript GCRA = LuaScript.of("gatehouse-gcra", NOW + """
      local interval = tonumber(ARGV[1])
      local tolerance = tonumber(ARGV[2])
      local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
      if tat < now then tat = now end
      local ahead = tat - now
      if ahead > tolerance - interval then
        return {0, 0, math.ceil(ahead - (tolerance - interval))}
      end
      local new_tat = tat + interval
      """ + STORE_TAT + """
      return {1, math.floor((tolerance - (new_tat - now)) / interval), 0}
      """);

  /**
   * KEYS[1] bucket. ARGV: interval T (µs), calls to give back (0: all), now (µs) or empty. Moves
   * the arrival time back by calls·T, not before now; giving back all deletes the bucket.
   */
  static final LuaScript GIVE_BACK = LuaScript.of("gatehouse-gcra-give-back", """
      if ARGV[2] == '0' then
        return redis.call('DEL', KEYS[1])
      end
      local tat = redis.call('GET', KEYS[1])
      if not tat then return 0 end
      """ + NOW + """
      local new_tat = tonumber(tat) - tonumber(ARGV[1]) * tonumber(ARGV[2])
      if new_tat <= now then
        return redis.call('DEL', KEYS[1])
      end
      """ + STORE_TAT + """
      return 1
      """);

  private static final String STORE = "rate-limit store";

  private final UnifiedJedis redis;
  private final Clock clock;

  RedisBackend(UnifiedJedis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  static String key(String bucket) {
    return "gatehouse:rl:{" + bucket + "}";
  }

  @Override
  public Decision acquire(RateLimitPolicy policy, String bucket) {
    long interval = interval(policy);
    long tolerance = interval * policy.limit();
    String now = now();
    List<?> r;
    try {
      r = (List<?>) GCRA.run(redis, List.of(key(bucket)), List.of(String.valueOf(interval),
          String.valueOf(tolerance), now));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
    boolean allowed = ((Long) r.get(0)) == 1L;
    return new Decision(allowed, ((Long) r.get(1)).intValue(),
        Duration.ofNanos(((Long) r.get(2)) * 1000));
  }

  @Override
  public void giveBack(RateLimitPolicy policy, String bucket, int calls) {
    int n = calls >= policy.limit() ? 0 : Math.max(1, calls);
    try {
      GIVE_BACK.run(redis, List.of(key(bucket)), List.of(String.valueOf(interval(policy)),
          String.valueOf(n), now()));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }

  /** One call every {@code period / limit}, in microseconds. */
  private static long interval(RateLimitPolicy policy) {
    return policy.period().toNanos() / 1000 / policy.limit();
  }

  /** The test's clock in µs, or empty for Redis's own (the system clock in any zone is not one). */
  String now() {
    return Clocks.isSystem(clock) ? ""
        : String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()));
  }
}
