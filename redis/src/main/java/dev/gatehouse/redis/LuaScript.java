package dev.gatehouse.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run with {@code EVALSHA} — one round trip per call. Its SHA-1 is computed here, so
 * the script is sent only when Redis does not know it yet ({@code NOSCRIPT}, e.g. after a
 * restart), then the call is repeated once.
 *
 * <pre>{@code
 * static final LuaScript ROTATE = LuaScript.of("rotate", "...lua...");
 * Object result = ROTATE.run(redis, List.of(key), List.of(arg));
 * }</pre>
 */
public final class LuaScript {

  private final String name;
  private final String source;
  private final String sha1;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1(source);
  }

  public static LuaScript of(String name, String source) {
    return new LuaScript(Objects.requireNonNull(name), Objects.requireNonNull(source));
  }

  /** Runs the script; all keys must share one hash tag so the call is cluster-safe. */
  public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      if (keys.isEmpty()) {
        redis.scriptLoad(source);
      } else {
        redis.scriptLoad(source, keys.get(0));
      }
      return redis.evalsha(sha1, keys, args);
    }
  }

  /**
   * Runs the script, acknowledged as {@code durability} requires: with replicas to wait for, the
   * {@code EVALSHA} and a {@code WAIT} on one connection, in one round trip.
   *
   * @throws Durability.NotReplicatedException when fewer replicas acknowledged
   */
  public Object run(UnifiedJedis redis, List<String> keys, List<String> args,
      Durability durability) {
    if (!durability.waits()) {
      return run(redis, keys, args);
    }
    for (int attempt = 0; ; attempt++) {
      Response<Object> result;
      Response<Long> acked;
      try (AbstractPipeline p = redis.pipelined()) {
        result = p.evalsha(sha1, keys, args);
        acked = p.waitReplicas(keys.get(0), durability.replicas(), durability.waitTimeout().toMillis());
        p.sync();
      }
      Object value;
      try {
        value = Pipelines.answer(result);
      } catch (JedisNoScriptException e) {
        if (attempt > 0) {
          throw e;
        }
        redis.scriptLoad(source, keys.get(0));
        continue;
      }
      durability.check(acked, name);
      return value;
    }
  }

  public String name() {
    return name;
  }

  public String sha1() {
    return sha1;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + ", " + sha1 + "]";
  }
}
