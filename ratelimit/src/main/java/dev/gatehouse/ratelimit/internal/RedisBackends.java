package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.redis.GatehouseRedis;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Clock;
import java.util.Optional;

/**
 * The rate limits' buckets in Redis, when the application brings {@code gatehouse-redis} (an
 * optional dependency of gatehouse-ratelimit, so that a service without Redis carries no Jedis).
 * The only way from the module's beans to a Jedis type: {@link RateLimitRuntime} calls
 * {@link #open} only after {@link dev.gatehouse.core.spi.OptionalModule#REDIS} found the module,
 * and this class is no bean and stays out of the Jandex index, so CDI scanning and Quarkus never
 * link it without it.
 */
final class RedisBackends {

  /** The backend and where it keeps its buckets. */
  record Shared(RateLimitBackend backend, String description) {
  }

  private RedisBackends() {
  }

  /** A backend on the application's {@link GatehouseRedis} client, or empty when none is set. */
  static Optional<Shared> open(Clock clock) {
    GatehouseRedis redis = CDI.current().select(GatehouseRedis.class).get();
    return redis.client().flatMap(client -> redis.settings().map(settings ->
        new Shared(new RedisBackend(client, clock), settings.toString())));
  }
}
