package dev.gatehouse.bench.redis;

import dev.gatehouse.bench.ratelimit.Limiters;
import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RefreshTokenStore.Family;
import dev.gatehouse.jwt.RefreshTokenStore.Presented;
import dev.gatehouse.jwt.RefreshTokenStore.Rotation;
import dev.gatehouse.jwt.RefreshTokenStore.Token;
import dev.gatehouse.jwt.internal.BenchJwt;
import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.internal.BenchRateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis operations measured, on one client and its pool, so that the JMH benchmark and the
 * round-trip count run exactly the same code.
 */
public final class RedisOps {

  static final String HOT_KEY = "bench:hot";

  private final UnifiedJedis redis;
  private final RateLimitBackend gatehouse;
  private final RefreshTokenStore refreshStore;
  private final Bucket bucket4j;

  public RedisOps(UnifiedJedis redis) {
    this.redis = redis;
    this.gatehouse = BenchRateLimit.redis(redis);
    this.refreshStore = BenchJwt.redisRefreshStore(redis);
    this.bucket4j = Bucket4jJedis.casBasedBuilder(redis)
        .keyMapper(Mapper.STRING)
        .expirationAfterWrite(ExpirationAfterWriteStrategy
            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
        .build()
        .builder()
        .build("bench:b4j:{" + HOT_KEY + "}", () -> Limiters.BUCKET4J);
  }

  public String ping() {
    return redis.ping();
  }

  public boolean gatehouseRateLimit() {
    return gatehouse.acquire(Limiters.GATEHOUSE, HOT_KEY).allowed();
  }

  public boolean bucket4jJedis() {
    return bucket4j.tryConsume(1);
  }

  /** A session whose refresh token one thread rotates, generation after generation. */
  public Session session() {
    return new Session();
  }

  /** One client's refresh-token family; not thread-safe, one per thread. */
  public final class Session {
    private final String family = UUID.randomUUID().toString();
    private long generation;
    private String hash = "h0";

    private Session() {
      Instant now = Instant.now();
      Instant end = now.plus(Duration.ofMinutes(10));   // the keys expire soon after the run
      refreshStore.startFamily(new Family(family, "bench-user", Set.of("user"), now, end),
          new Token(family, 0, hash, end));
    }

    /** One rotation, which must succeed: a benchmark of refusals would mislead. */
    public Rotation rotate() {
      Instant now = Instant.now();
      String next = "h" + (generation + 1);
      Rotation r = refreshStore.rotate(new Presented(family, generation, hash),
          new Token(family, generation + 1, next, now.plus(Duration.ofMinutes(5))),
          new byte[0], now, now);
      if (r.outcome() != Rotation.Outcome.ROTATED) {
        throw new IllegalStateException("rotation " + generation + " was " + r.outcome());
      }
      generation++;
      hash = next;
      return r;
    }
  }
}
