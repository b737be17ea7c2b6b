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
import dev.gatehouse.redis.Durability;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Refresh-token state in Redis, shared by every instance. A family is one hash, however often it
 * is refreshed, plus a sealed successor that lives only for the grace period; both keys share the
 * hash tag {@code {family}}, so each script touches one cluster slot, and a rotation is one
 * {@code EVALSHA}. Keys expire with their family.
 *
 * <pre>
 * gatehouse:rt:{F}          hash   sub, roles, created, exp, rev, gen, cur, cexp, prev
 * gatehouse:rt:{F}:s        string graceUntil:sealed (PX = grace + 1 s)
 * gatehouse:rt:sub:SUBJECT  set    family ids
 * </pre>
 */
final class RedisRefreshTokenStore implements RefreshTokenStore {

  /** KEYS: family. ARGV: sub, roles, created, exp, generation, hash, token expiry. */
  static final LuaScript START = LuaScript.of("gatehouse-refresh-start", """
      redis.call('HSET', KEYS[1], 'sub', ARGV[1], 'roles', ARGV[2], 'created', ARGV[3],
        'exp', ARGV[4], 'rev', '0', 'gen', ARGV[5], 'cur', ARGV[6], 'cexp', ARGV[7])
      redis.call('PEXPIREAT', KEYS[1], ARGV[4])
      return 1
      """);

  /**
   * KEYS: family, sealed successor.
   * ARGV: now, presented generation, presented hash, successor generation, successor hash,
   * successor expiry, sealed (base64), grace-until, grace ms (0: none).
   */
  static final LuaScript ROTATE = LuaScript.of("gatehouse-refresh-rotate", """
      local f = redis.call('HMGET', KEYS[1], 'gen', 'cur', 'cexp', 'prev', 'rev', 'exp', 'sub',
        'roles', 'created')
      local now = tonumber(ARGV[1])
      if not f[1] or f[5] == '1' or tonumber(f[6]) <= now then return {'invalid'} end
      local gen = tonumber(f[1])
      local g = tonumber(ARGV[2])
      if g == gen then
        if f[2] ~= ARGV[3] or tonumber(f[3]) <= now then return {'invalid'} end
        redis.call('HSET', KEYS[1], 'gen', ARGV[4], 'cur', ARGV[5], 'cexp', ARGV[6],
          'prev', ARGV[3])
        if tonumber(ARGV[9]) > 0 then
          redis.call('SET', KEYS[2], ARGV[8] .. ':' .. ARGV[7], 'PX', tonumber(ARGV[9]) + 1000)
        else
          redis.call('DEL', KEYS[2])
        end
        return {'rotated', f[7], f[8], f[9], f[6]}
      end
      if g > gen then return {'invalid'} end
      if g == gen - 1 and f[4] == ARGV[3] then
        local sealed = redis.call('GET', KEYS[2])
        if sealed then
          local sep = string.find(sealed, ':', 1, true)
          if tonumber(string.sub(sealed, 1, sep - 1)) >= now then
            return {'grace', f[7], f[8], f[9], f[6], string.sub(sealed, sep + 1)}
          end
        end
      end
      redis.call('HSET', KEYS[1], 'rev', '1')
      redis.call('DEL', KEYS[2])
      return {'reuse', f[7], f[8], f[9], f[6]}
      """);

  /** KEYS: family, sealed successor. */
  static final LuaScript REVOKE = LuaScript.of("gatehouse-refresh-revoke", """
      redis.call('DEL', KEYS[2])
      if redis.call('EXISTS', KEYS[1]) == 1 then
        redis.call('HSET', KEYS[1], 'rev', '1')
        return 1
      end
      return 0
      """);

  private static final String STORE = "refresh-token store";

  private final UnifiedJedis redis;
  private final Durability durability;

  RedisRefreshTokenStore(UnifiedJedis redis) {
    this(redis, Durability.MASTER_ONLY);
  }

  /**
   * @param durability the replicas a rotation or revocation must reach before it is answered
   *     ({@code gatehouse.redis.wait-replicas})
   */
  RedisRefreshTokenStore(UnifiedJedis redis, Durability durability) {
    this.redis = redis;
    this.durability = durability;
  }

  static String familyKey(String family) {
    return "gatehouse:rt:{" + family + "}";
  }

  static String sealedKey(String family) {
    return familyKey(family) + ":s";
  }

  static String subjectKey(String subject) {
    return "gatehouse:rt:sub:" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(subject.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void startFamily(Family family, Token first) {
    try {
      START.run(redis, List.of(familyKey(family.id())),
          List.of(family.subject(), String.join(",", family.roles()),
              String.valueOf(family.createdAt().toEpochMilli()),
              String.valueOf(family.expiresAt().toEpochMilli()),
              String.valueOf(first.generation()), first.hash(),
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
  public Rotation rotate(Presented presented, Token successor, byte[] sealedSuccessor,
      Instant now, Instant graceUntil) {
    presented.requireSuccessor(successor);
    long graceMs = Math.max(0, graceUntil.toEpochMilli() - now.toEpochMilli());
    boolean grace = sealedSuccessor.length > 0 && graceMs > 0;
    String family = presented.family();
    List<?> r;
    try {
      r = (List<?>) ROTATE.run(redis, List.of(familyKey(family), sealedKey(family)),
          List.of(String.valueOf(now.toEpochMilli()), String.valueOf(presented.generation()),
              presented.hash(), String.valueOf(successor.generation()), successor.hash(),
              String.valueOf(successor.expiresAt().toEpochMilli()),
              grace ? Base64.getEncoder().encodeToString(sealedSuccessor) : "",
              String.valueOf(graceUntil.toEpochMilli()), String.valueOf(grace ? graceMs : 0)), durability);
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
    revoke(family);
  }

  private boolean revoke(String family) {
    try {
      return Long.valueOf(1).equals(
          REVOKE.run(redis, List.of(familyKey(family), sealedKey(family)), List.of(),
              durability));
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
  }

  @Override
  public Set<String> revokeSubject(String subject) {
    String key = subjectKey(subject);
    Set<String> ids;
    try {
      ids = redis.smembers(key);
    } catch (JedisException e) {
      throw new StoreUnavailableException(STORE, e);
    }
    Set<String> revoked = new LinkedHashSet<>();
    List<String> gone = new java.util.ArrayList<>();
    for (String id : ids) {
      if (revoke(id)) {
        revoked.add(id);
      } else {
        gone.add(id);
      }
    }
    if (!gone.isEmpty()) {
      try {
        redis.srem(key, gone.toArray(String[]::new)); // families that expired: forget them
      } catch (JedisException e) {
        throw new StoreUnavailableException(STORE, e);
      }
    }
    return revoked;
  }
}
