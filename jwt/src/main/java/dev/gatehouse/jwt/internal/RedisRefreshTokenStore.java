package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Refresh-token state in Redis, shared by every instance. All keys of one family share the hash
 * tag {@code {family}}, so each script touches one cluster slot; a rotation is one
 * {@code EVALSHA}. Keys expire with their family; a sealed successor lives only for the grace
 * period.
 *
 * <pre>
 * gatehouse:rt:{F}          hash  sub, roles, created, exp, cur, rev
 * gatehouse:rt:{F}:t:HASH   hash  st (a|r), exp, succ
 * gatehouse:rt:{F}:s:HASH   string graceUntil:sealed (PX = grace)
 * gatehouse:rt:sub:SUBJECT  set   family ids
 * </pre>
 */
public final class RedisRefreshTokenStore implements RefreshTokenStore {

  static final LuaScript START = LuaScript.of("gatehouse-refresh-start", """
      redis.call('HSET', KEYS[1], 'sub', ARGV[1], 'roles', ARGV[2], 'created', ARGV[3],
        'exp', ARGV[4], 'cur', ARGV[5], 'rev', '0')
      redis.call('PEXPIREAT', KEYS[1], ARGV[4])
      redis.call('HSET', KEYS[2], 'st', 'a', 'exp', ARGV[6])
      redis.call('PEXPIREAT', KEYS[2], ARGV[4])
      return 1
      """);

  /**
   * KEYS: family, presented token, successor token, presented token's sealed successor.
   * ARGV: now, successor hash, successor expiry, sealed, grace-until, grace ms.
   */
  static final LuaScript ROTATE = LuaScript.of("gatehouse-refresh-rotate", """
      local f = redis.call('HMGET', KEYS[1], 'cur', 'rev', 'exp', 'sub', 'roles', 'created')
      local now = tonumber(ARGV[1])
      if not f[1] or f[2] == '1' or tonumber(f[3]) <= now then return {'invalid'} end
      local t = redis.call('HMGET', KEYS[2], 'st', 'exp', 'succ')
      if not t[1] then return {'invalid'} end
      if t[1] == 'a' then
        if tonumber(t[2]) <= now then return {'invalid'} end
        redis.call('HSET', KEYS[2], 'st', 'r', 'succ', ARGV[2])
        redis.call('HSET', KEYS[3], 'st', 'a', 'exp', ARGV[3])
        redis.call('PEXPIREAT', KEYS[3], f[3])
        redis.call('HSET', KEYS[1], 'cur', ARGV[2])
        if tonumber(ARGV[6]) > 0 then
          redis.call('SET', KEYS[4], ARGV[5] .. ':' .. ARGV[4], 'PX', tonumber(ARGV[6]) + 1000)
        end
        return {'rotated', f[4], f[5], f[6], f[3]}
      end
      if f[1] == t[3] then
        local sealed = redis.call('GET', KEYS[4])
        if sealed then
          local sep = string.find(sealed, ':', 1, true)
          if tonumber(string.sub(sealed, 1, sep - 1)) >= now then
            return {'grace', f[4], f[5], f[6], f[3], string.sub(sealed, sep + 1)}
          end
        end
      end
      redis.call('HSET', KEYS[1], 'rev', '1')
      redis.call('DEL', KEYS[4])
      return {'reuse', f[4], f[5], f[6], f[3]}
      """);

  static final LuaScript REVOKE = LuaScript.of("gatehouse-refresh-revoke", """
      if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'rev', '1') end
      return 1
      """);

  private static final String STORE = "refresh-token store";

  private final UnifiedJedis redis;

  public RedisRefreshTokenStore(UnifiedJedis redis) {
    this.redis = redis;
  }

  static String familyKey(String family) {
    return "gatehouse:rt:{" + family + "}";
  }

  static String tokenKey(String family, String hash) {
    return familyKey(family) + ":t:" + hash;
  }

  static String sealedKey(String family, String hash) {
    return familyKey(family) + ":s:" + hash;
  }

  static String subjectKey(String subject) {
    return "gatehouse:rt:sub:" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(subject.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void startFamily(Family family, Token first) {
    try {
      START.run(redis, List.of(familyKey(family.id()), tokenKey(family.id(), first.hash())),
          List.of(family.subject(), String.join(",", family.roles()),
              String.valueOf(family.createdAt().toEpochMilli()),
              String.valueOf(family.expiresAt().toEpochMilli()), first.hash(),
              String.valueOf(first.expiresAt().toEpochMilli())));
      String subjectKey = subjectKey(family.subject());
      redis.sadd(subjectKey, family.id());
      long ttl = redis.pttl(subjectKey);
      long wanted = family.expiresAt().toEpochMilli() - family.createdAt().toEpochMilli();
      if (ttl < wanted) {
        redis.pexpire(subjectKey, wanted);
      }
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }

  @Override
  public Rotation rotate(String family, String presentedHash, Token successor,
      byte[] sealedSuccessor, Instant now, Instant graceUntil) {
    long graceMs = Math.max(0, graceUntil.toEpochMilli() - now.toEpochMilli());
    boolean grace = sealedSuccessor.length > 0 && graceMs > 0;
    List<?> r;
    try {
      r = (List<?>) ROTATE.run(redis,
          List.of(familyKey(family), tokenKey(family, presentedHash),
              tokenKey(family, successor.hash()), sealedKey(family, presentedHash)),
          List.of(String.valueOf(now.toEpochMilli()), successor.hash(),
              String.valueOf(successor.expiresAt().toEpochMilli()),
              grace ? Base64.getEncoder().encodeToString(sealedSuccessor) : "",
              String.valueOf(graceUntil.toEpochMilli()), String.valueOf(grace ? graceMs : 0)));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
    String outcome = (String) r.get(0);
    if (outcome.equals("invalid")) {
      return Rotation.invalid();
    }
    Family meta = family(family, r);
    return switch (outcome) {
      case "rotated" -> new Rotation(Rotation.Outcome.ROTATED, meta, null);
      case "grace" -> new Rotation(Rotation.Outcome.GRACE_REPLAY, meta,
          Base64.getDecoder().decode((String) r.get(5)));
      default -> new Rotation(Rotation.Outcome.REUSE_DETECTED, meta, null);
    };
  }

  private static Family family(String id, List<?> r) {
    String roles = (String) r.get(2);
    Set<String> set = roles == null || roles.isEmpty() ? Set.of()
        : new LinkedHashSet<>(Arrays.asList(roles.split(",")));
    return new Family(id, (String) r.get(1), set,
        Instant.ofEpochMilli(Long.parseLong((String) r.get(3))),
        Instant.ofEpochMilli(Long.parseLong((String) r.get(4))));
  }

  @Override
  public Optional<Family> family(String family, Instant now) {
    List<String> f;
    try {
      f = redis.hmget(familyKey(family), "sub", "roles", "created", "exp", "rev");
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
    if (f.get(0) == null || "1".equals(f.get(4))
        || Long.parseLong(f.get(3)) <= now.toEpochMilli()) {
      return Optional.empty();
    }
    return Optional.of(family(family, java.util.Arrays.asList(null, f.get(0), f.get(1), f.get(2),
        f.get(3))));
  }

  @Override
  public void revokeFamily(String family) {
    try {
      REVOKE.run(redis, List.of(familyKey(family)), List.of());
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }

  @Override
  public void revokeSubject(String subject) {
    Set<String> ids;
    try {
      ids = redis.smembers(subjectKey(subject));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
    for (String id : ids) {
      revokeFamily(id);
    }
  }
}
