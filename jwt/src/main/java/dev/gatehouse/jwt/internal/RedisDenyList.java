package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.jwt.AccessTokenDenyList;
import java.time.Instant;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/** Denied {@code jti}s in Redis, one key each, expiring with the token ({@code PXAT exp}). */
public final class RedisDenyList implements AccessTokenDenyList {

  private static final String STORE = "access-token deny-list";

  private final UnifiedJedis redis;

  public RedisDenyList(UnifiedJedis redis) {
    this.redis = redis;
  }

  static String key(String jti) {
    return "gatehouse:deny:" + jti;
  }

  @Override
  public void deny(String jti, Instant expiresAt) {
    try {
      redis.set(key(jti), "1", SetParams.setParams().pxAt(expiresAt.toEpochMilli() + 1000));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }

  @Override
  public boolean isDenied(String jti, Instant now) {
    try {
      return redis.exists(key(jti));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }
}
