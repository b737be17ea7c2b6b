package dev.gatehouse.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import redis.clients.jedis.UnifiedJedis;

/**
 * The application's one Redis client, opened on first use and closed with the application; every
 * module that keeps state in Redis (sessions, deny-list, rate limits) shares it and its pool. Its
 * settings are the application's {@link RedisSettings} bean if it has one (settings built in
 * code), else {@code gatehouse.redis.*} from MicroProfile Config; without either, state stays in
 * memory.
 *
 * <p>gatehouse-jwt and gatehouse-ratelimit look it up ({@code CDI.current()}) rather than inject
 * it: they carry this module as an optional dependency and must not link its types when it is
 * absent. It observes the application's start, so Quarkus keeps the bean although nobody injects
 * it.
 *
 * <pre>{@code
 * @Inject GatehouseRedis redis;
 * RefreshTokenStore store = redis.client().map(RedisRefreshTokenStore::new).orElseGet(...);
 * }</pre>
 */
@ApplicationScoped
public class GatehouseRedis {

  @Inject
  Config config;
  @Inject
  Instance<RedisSettings> inCode;

  private volatile boolean opened;
  private Optional<RedisSettings> settings = Optional.empty();
  private UnifiedJedis client;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // observing keeps the bean in Quarkus; the connection still opens on first use
  }

  /** The settings, or empty when state stays in memory. */
  public Optional<RedisSettings> settings() {
    open();
    return settings;
  }

  /** The client, or empty when no Redis is configured. */
  public Optional<UnifiedJedis> client() {
    open();
    return Optional.ofNullable(client);
  }

  private synchronized void open() {
    if (opened) {
      return;
    }
    settings = inCode.isResolvable() ? Optional.of(inCode.get())
        : RedisSettings.fromConfig(config);
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
