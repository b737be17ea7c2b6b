package dev.gatehouse.redis;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
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

  /**
   * The client of the settings' mode: {@link RedisClient} (standalone), {@link RedisClusterClient}
   * (cluster: it discovers the nodes, routes each key to its slot's master and follows
   * {@code MOVED}/{@code ASK}, retrying for at most the timeout) or {@link RedisSentinelClient}
   * (Sentinel: it asks the sentinels for the master and moves to the new one after a failover).
   */
  public static UnifiedJedis open(RedisSettings settings) {
    int millis = (int) settings.timeout().toMillis();
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .ssl(settings.tls())
        .clientName("gatehouse");
    settings.user().ifPresent(config::user);
    settings.password().ifPresent(config::password);
    if (settings.database() != 0) {
      config.database(settings.database());
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(64);
    pool.setMaxIdle(16);
    pool.setMaxWait(settings.timeout());
    pool.setTestWhileIdle(false);
    Set<HostAndPort> nodes = new LinkedHashSet<>();
    for (String node : settings.nodes()) {
      int colon = node.lastIndexOf(':');
      String host = node.substring(0, colon);
      nodes.add(new HostAndPort(host.startsWith("[") ? host.substring(1, host.length() - 1)
          : host, Integer.parseInt(node.substring(colon + 1))));
    }
    return switch (settings.mode()) {
      case STANDALONE -> RedisClient.builder()
          .hostAndPort(nodes.iterator().next())
          .clientConfig(config.build())
          .poolConfig(pool)
          .build();
      case CLUSTER -> RedisClusterClient.builder()
          .nodes(nodes)
          .clientConfig(config.build())
          .poolConfig(pool)
          .maxTotalRetriesDuration(settings.timeout())
          .build();
      case SENTINEL -> RedisSentinelClient.builder()
          .masterName(settings.masterName().orElseThrow())
          .sentinels(nodes)
          .clientConfig(config.build())
          .sentinelClientConfig(DefaultJedisClientConfig.builder()
              .connectionTimeoutMillis(millis)
              .socketTimeoutMillis(millis)
              .clientName("gatehouse-sentinel")
              .build())
          .poolConfig(pool)
          .build();
    };
  }
}
