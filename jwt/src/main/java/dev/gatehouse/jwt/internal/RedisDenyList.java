package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.jwt.AccessTokenDenyList;
import java.time.Instant;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Denied tokens and sessions in Redis, one key each, expiring when nothing they deny can still be
 * accepted ({@code PXAT}, plus a second for the clocks of Redis and the instances). A check is
 * one {@code EXISTS} of both keys — one round trip (Gatehouse talks to one Redis, not a cluster,
 * where the two keys could live on different nodes).
 *
 * <pre>
 * gatehouse:deny:JTI       "1"   a denied access token
 * gatehouse:deny-sid:SID   "1"   a denied session
 * </pre>
 */
final class RedisDenyList implements AccessTokenDenyList {

  private static final String STORE = "access-token deny-list";

  private final UnifiedJedis redis;

  RedisDenyList(UnifiedJedis redis) {
    this.redis = redis;
  }

  static String key(String jti) {
    return "gatehouse:deny:" + jti;
  }

  /** Never equal to a {@link #key}: "deny-" differs from "deny:" at the same position. */
  static String sessionKey(String sid) {
    return "gatehouse:deny-sid:" + sid;
  }

  @Override
  public void deny(String jti, Instant until) {
    set(key(jti), until);
  }

  @Override
  public void denySession(String sid, Instant until) {
    set(sessionKey(sid), until);
  }

  private void set(String key, Instant until) {
    try {
      redis.set(key, "1", SetParams.setParams().pxAt(until.toEpochMilli() + 1000));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }

  @Override
  public boolean isDenied(String jti, String sid, Instant now) {
    try {
      return sid == null ? redis.exists(key(jti))
          : redis.exists(key(jti), sessionKey(sid)) > 0;
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }
}
