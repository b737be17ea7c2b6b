package dev.gatehouse.redis;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens the Jedis client for {@link RedisSettings}: one pooled {@link RedisClient} per
 * application, with every wait — connect, read, borrow from the pool — bounded by the timeout.
 *
 * <pre>{@code
 * UnifiedJedis redis = RedisConnector.open(settings);
 * }</pre>
 */
public final class RedisConnector {

  private RedisConnector() {
  }

  public static UnifiedJedis open(RedisSettings settings) {
    int millis = (int) settings.timeout().toMillis();
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .ssl(settings.tls())
        .clientName("gatehouse");
    settings.user().ifPresent(config::user);
    settings.password().ifPresent(config::password);
    String path = settings.uri().getPath();
    if (path != null && path.length() > 1) {
      config.database(Integer.parseInt(path.substring(1)));
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(64);
    pool.setMaxIdle(16);
    pool.setMaxWait(settings.timeout());
    pool.setTestWhileIdle(false);
    int port = settings.uri().getPort() < 0 ? 6379 : settings.uri().getPort();
    return RedisClient.builder()
        .hostAndPort(settings.uri().getHost(), port)
        .clientConfig(config.build())
        .poolConfig(pool)
        .build();
  }
}
