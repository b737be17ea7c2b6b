package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.AccessTokenDenyList;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Denied {@code jti}s in this process, each dropped once its token has expired. Entries are few
 * (one per logout within an access-token lifetime), so a sweep every thousand denials keeps it
 * small.
 */
public final class InMemoryDenyList implements AccessTokenDenyList {

  private final ConcurrentHashMap<String, Instant> denied = new ConcurrentHashMap<>();
  private final AtomicInteger writes = new AtomicInteger();

  @Override
  public void deny(String jti, Instant expiresAt) {
    denied.merge(jti, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    if (writes.incrementAndGet() % 1000 == 0) {
      Instant now = Instant.now();
      denied.values().removeIf(exp -> exp.isBefore(now));
    }
  }

  @Override
  public boolean isDenied(String jti, Instant now) {
    Instant exp = denied.get(jti);
    return exp != null && !now.isAfter(exp);
  }
}
