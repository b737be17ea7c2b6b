package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.jwt.AccessTokenDenyList;
import java.time.Instant;
import dev.gatehouse.redis.Durability;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import dev.gatehouse.redis.Pipelines;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Denied tokens and sessions in Redis, one key each, expiring when nothing they deny can still be
 * accepted ({@code PXAT}, plus a second for the clocks of Redis and the instances). A check is
 * one {@code EXISTS} of both keys — one round trip. On a Redis Cluster the two keys hash to
 * different slots (a token's key cannot carry its session's hash tag: {@link #deny} is not told
 * the session), so the check is two {@code EXISTS} in one pipeline, each sent to its slot's
 * master — still one round trip's wait. A denial waits for {@code gatehouse.redis.wait-replicas}
 * replicas ({@link Durability}).
 *
 * <pre>
 * gatehouse:deny:JTI       "1"   a denied access token
 * gatehouse:deny-sid:SID   "1"   a denied session
 * </pre>
 */
final class RedisDenyList implements AccessTokenDenyList {

  private static final String STORE = "access-token deny-list";

  private final UnifiedJedis redis;
  private final Durability durability;
  private final boolean cluster;

  RedisDenyList(UnifiedJedis redis) {
    this(redis, Durability.MASTER_ONLY);
  }

  RedisDenyList(UnifiedJedis redis, Durability durability) {
    this.redis = redis;
    this.durability = durability;
    this.cluster = redis instanceof RedisClusterClient;
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
      durability.set(redis, key, "1", SetParams.setParams().pxAt(until.toEpochMilli() + 1000));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }

  @Override
  public boolean isDenied(String jti, String sid, Instant now) {
    try {
      if (sid == null) {
        return jti != null && redis.exists(key(jti));
      }
      if (jti == null) {
        return redis.exists(sessionKey(sid));
      }
      if (!cluster) {
        return redis.exists(key(jti), sessionKey(sid)) > 0;
      }
      Response<Boolean> token;
      Response<Boolean> session;
      try (AbstractPipeline p = redis.pipelined()) {
        token = p.exists(key(jti));
        session = p.exists(sessionKey(sid));
        p.sync();
      }
      return Pipelines.answer(token) || Pipelines.answer(session);
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }
}
