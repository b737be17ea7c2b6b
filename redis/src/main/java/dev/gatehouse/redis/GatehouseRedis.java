package dev.gatehouse.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import redis.clients.jedis.UnifiedJedis;

/**
 * The application's one Redis client, opened on first use when {@code gatehouse.redis.url} is set
 * and closed with the application; every module that keeps state in Redis (sessions, deny-list,
 * rate limits) shares it and its pool.
 *
 * <pre>{@code
 * @Inject GatehouseRedis redis;
 * RefreshTokenStore store = redis.client().map(RedisRefreshTokenStore::new).orElseGet(...);
 * }</pre>
 */
@ApplicationScoped
public class GatehouseRedis {

  private volatile boolean opened;
  private Optional<RedisSettings> settings = Optional.empty();
  private UnifiedJedis client;

  /** The settings, or empty when state stays in memory. */
  public Optional<RedisSettings> settings() {
    open();
    return settings;
  }

  /** The client, or empty when {@code gatehouse.redis.url} is unset. */
  public Optional<UnifiedJedis> client() {
    open();
    return Optional.ofNullable(client);
  }

  private synchronized void open() {
    if (opened) {
      return;
    }
    settings = RedisSettings.fromConfig(ConfigProvider.getConfig());
    client = settings.map(RedisConnector::open).orElse(null);
    opened = true;
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
