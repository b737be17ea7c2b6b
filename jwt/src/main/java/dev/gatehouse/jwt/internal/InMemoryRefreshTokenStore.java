package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.RefreshTokenStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refresh-token state in this process: for one instance, tests and the example. Bounded to
 * {@code maxFamilies} sessions; expired and revoked families are swept as it goes, and when it is
 * full of live sessions the oldest is dropped (its user logs in again) rather than refusing new
 * logins. Each session holds a fixed set of fields however often it is refreshed (see
 * {@link RefreshTokenStore}). Every operation holds one lock, which makes rotation trivially
 * atomic.
 */
final class InMemoryRefreshTokenStore implements RefreshTokenStore {

  private static final System.Logger LOG = System.getLogger(InMemoryRefreshTokenStore.class.getName());
  private static final int SWEEP_EVERY = 1024;

  private final int maxFamilies;
  private final LinkedHashMap<String, FamilyState> families = new LinkedHashMap<>();
  private final Map<String, Set<String>> bySubject = new HashMap<>();
  private int operations;

  InMemoryRefreshTokenStore(int maxFamilies) {
    this.maxFamilies = maxFamilies;
  }

  private static final class FamilyState {
    final Family meta;
    long generation;
    String current;
    Instant currentExpiresAt;
    String previous;
    byte[] sealed;
    Instant graceUntil;
    boolean revoked;

    FamilyState(Family meta, Token first) {
      this.meta = meta;
      this.generation = first.generation();
      this.current = first.hash();
      this.currentExpiresAt = first.expiresAt();
    }

    int held() {
      return 1 + (current == null ? 0 : 1) + (previous == null ? 0 : 1) + (sealed == null ? 0 : 1);
    }
  }

  @Override
  public synchronized void startFamily(Family family, Token first) {
    maybeSweep(family.createdAt());
    if (families.size() >= maxFamilies) {
      sweep(family.createdAt());
    }
    if (families.size() >= maxFamilies) {
      Iterator<Map.Entry<String, FamilyState>> eldest = families.entrySet().iterator();
      FamilyState dropped = eldest.next().getValue();
      eldest.remove();
      unindex(dropped);
      LOG.log(System.Logger.Level.WARNING, "refresh-token store full (" + maxFamilies
          + " sessions): dropped the oldest; raise gatehouse.jwt.memory.max-families or use Redis");
    }
    families.put(family.id(), new FamilyState(family, first));
    bySubject.computeIfAbsent(family.subject(), s -> new HashSet<>()).add(family.id());
  }

  @Override
  public synchronized Rotation rotate(Presented presented, Token successor,
      byte[] sealedSuccessor, Instant now, Instant graceUntil) {
    presented.requireSuccessor(successor);
    maybeSweep(now);
    FamilyState f = families.get(presented.family());
    if (f == null || f.revoked || !now.isBefore(f.meta.expiresAt())) {
      return Rotation.invalid();
    }
    long g = presented.generation();
    if (g == f.generation) {
      if (!presented.hash().equals(f.current) || !now.isBefore(f.currentExpiresAt)) {
        return Rotation.invalid();
      }
      f.generation = successor.generation();
      f.previous = f.current;
      f.current = successor.hash();
      f.currentExpiresAt = successor.expiresAt();
      f.graceUntil = graceUntil;
      f.sealed = sealedSuccessor.length > 0 && graceUntil.isAfter(now) ? sealedSuccessor : null;
      return new Rotation(Rotation.Outcome.ROTATED, f.meta, null);
    }
    if (g > f.generation) {
      return Rotation.invalid();
    }
    if (g == f.generation - 1 && presented.hash().equals(f.previous) && f.sealed != null
        && !now.isAfter(f.graceUntil)) {
      return new Rotation(Rotation.Outcome.GRACE_REPLAY, f.meta, f.sealed.clone());
    }
    revoke(f);
    return new Rotation(Rotation.Outcome.REUSE_DETECTED, f.meta, null);
  }

  @Override
  public synchronized Optional<Family> family(String family, Instant now) {
    FamilyState f = families.get(family);
    return f == null || f.revoked || !now.isBefore(f.meta.expiresAt()) ? Optional.empty()
        : Optional.of(f.meta);
  }

  @Override
  public synchronized void revokeFamily(String family) {
    FamilyState f = families.get(family);
    if (f != null) {
      revoke(f);
    }
  }

  private static void revoke(FamilyState f) {
    f.revoked = true;
    f.sealed = null;
  }

  @Override
  public synchronized Set<String> revokeSubject(String subject) {
    Set<String> ids = Set.copyOf(bySubject.getOrDefault(subject, Set.of()));
    for (String id : ids) {
      revokeFamily(id);
    }
    return ids;
  }

  /** Sessions held now, live or not yet swept. */
  public synchronized int size() {
    return families.size();
  }

  /**
   * Everything held for one session: its entry, its token hashes and sealed successor, its place
   * in the subject index — what would grow if refreshing made it grow.
   */
  synchronized int heldFor(String family) {
    FamilyState f = families.get(family);
    if (f == null) {
      return 0;
    }
    Set<String> index = bySubject.get(f.meta.subject());
    return f.held() + (index != null && index.contains(family) ? 1 : 0);
  }

  private void maybeSweep(Instant now) {
    if (++operations % SWEEP_EVERY == 0) {
      sweep(now);
    }
  }

  private void sweep(Instant now) {
    Iterator<FamilyState> it = families.values().iterator();
    while (it.hasNext()) {
      FamilyState f = it.next();
      if (f.revoked || !now.isBefore(f.meta.expiresAt())) {
        it.remove();
        unindex(f);
        continue;
      }
      if (f.sealed != null && now.isAfter(f.graceUntil)) {
        f.sealed = null;
      }
    }
  }

  private void unindex(FamilyState f) {
    Set<String> ids = bySubject.get(f.meta.subject());
    if (ids != null) {
      ids.remove(f.meta.id());
      if (ids.isEmpty()) {
        bySubject.remove(f.meta.subject());
      }
    }
  }
}
