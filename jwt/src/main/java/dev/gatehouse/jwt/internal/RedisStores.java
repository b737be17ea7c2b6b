package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.AccessTokenDenyList;
import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.redis.Durability;
import dev.gatehouse.redis.GatehouseRedis;
import dev.gatehouse.redis.RedisSettings;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The jwt module's state in Redis, when the application brings {@code gatehouse-redis} (an
 * optional dependency of gatehouse-jwt, so that a service without Redis carries no Jedis). The
 * only way from the module's beans to a Jedis type: {@link JwtRuntime} calls {@link #open()} only
 * after {@link dev.gatehouse.core.spi.OptionalModule#REDIS} found the module, and this class is
 * no bean and stays out of the Jandex index, so CDI scanning and Quarkus never link it without it.
 */
final class RedisStores {

  /** The refresh-token store and the deny-list sharing one client, and where they keep state. */
  record Stores(RefreshTokenStore store, AccessTokenDenyList denyList, String description) {
  }

  private RedisStores() {
  }

  /** Stores on the application's {@link GatehouseRedis} client, or empty when none is set. */
  static Optional<Stores> open() {
    GatehouseRedis redis = CDI.current().select(GatehouseRedis.class).get();
    Optional<UnifiedJedis> client = redis.client();
    Optional<RedisSettings> settings = redis.settings();
    if (client.isEmpty() || settings.isEmpty()) {
      return Optional.empty();
    }
    Durability durability = Durability.of(settings.get());
    return Optional.of(new Stores(new RedisRefreshTokenStore(client.get(), durability),
        new RedisDenyList(client.get(), durability), settings.get().toString()));
  }
}
