package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.AccessTokenDenyList;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Denied tokens and sessions in this process, each dropped once nothing it denies can still be
 * accepted. Entries are few (one per logout within an access-token lifetime), so a sweep every
 * thousand denials keeps it small.
 */
final class InMemoryDenyList implements AccessTokenDenyList {

  private final ConcurrentHashMap<String, Instant> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger writes = new AtomicInteger();
  private final Clock clock;

  InMemoryDenyList(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void deny(String jti, Instant until) {
    put(tokens, jti, until);
  }

  @Override
  public void denySession(String sid, Instant until) {
    put(sessions, sid, until);
  }

  private void put(ConcurrentHashMap<String, Instant> map, String key, Instant until) {
    map.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
    if (writes.incrementAndGet() % 1000 == 0) {
      Instant now = clock.instant();
      tokens.values().removeIf(u -> u.isBefore(now));
      sessions.values().removeIf(u -> u.isBefore(now));
    }
  }

  @Override
  public boolean isDenied(String jti, String sid, Instant now) {
    return (jti != null && denied(tokens.get(jti), now))
        || (sid != null && denied(sessions.get(sid), now));
  }

  private static boolean denied(Instant until, Instant now) {
    return until != null && !now.isAfter(until);
  }
}
