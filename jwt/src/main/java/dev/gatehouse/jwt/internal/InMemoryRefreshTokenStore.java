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
 * logins. Every operation holds one lock, which makes rotation trivially atomic.
 */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

  private static final System.Logger LOG = System.getLogger(InMemoryRefreshTokenStore.class.getName());
  private static final int SWEEP_EVERY = 1024;

  private final int maxFamilies;
  private final LinkedHashMap<String, FamilyState> families = new LinkedHashMap<>();
  private final Map<String, Set<String>> bySubject = new HashMap<>();
  private int operations;

  public InMemoryRefreshTokenStore(int maxFamilies) {
    this.maxFamilies = maxFamilies;
  }

  private static final class FamilyState {
    final Family meta;
    final Map<String, TokenState> tokens = new HashMap<>();
    String current;
    boolean revoked;

    FamilyState(Family meta) {
      this.meta = meta;
    }
  }

  private static final class TokenState {
    final Instant expiresAt;
    boolean rotated;
    String successor;
    byte[] sealed;
    Instant graceUntil;

    TokenState(Instant expiresAt) {
      this.expiresAt = expiresAt;
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
    FamilyState state = new FamilyState(family);
    state.tokens.put(first.hash(), new TokenState(first.expiresAt()));
    state.current = first.hash();
    families.put(family.id(), state);
    bySubject.computeIfAbsent(family.subject(), s -> new HashSet<>()).add(family.id());
  }

  @Override
  public synchronized Rotation rotate(String family, String presentedHash, Token successor,
      byte[] sealedSuccessor, Instant now, Instant graceUntil) {
    maybeSweep(now);
    FamilyState f = families.get(family);
    if (f == null || f.revoked || !now.isBefore(f.meta.expiresAt())) {
      return Rotation.invalid();
    }
    TokenState t = f.tokens.get(presentedHash);
    if (t == null) {
      return Rotation.invalid();
    }
    if (!t.rotated) {
      if (!now.isBefore(t.expiresAt)) {
        return Rotation.invalid();
      }
      t.rotated = true;
      t.successor = successor.hash();
      t.graceUntil = graceUntil;
      t.sealed = sealedSuccessor.length > 0 && graceUntil.isAfter(now) ? sealedSuccessor : null;
      f.tokens.put(successor.hash(), new TokenState(successor.expiresAt()));
      f.current = successor.hash();
      return new Rotation(Rotation.Outcome.ROTATED, f.meta, null);
    }
    if (t.sealed != null && !now.isAfter(t.graceUntil) && t.successor.equals(f.current)) {
      return new Rotation(Rotation.Outcome.GRACE_REPLAY, f.meta, t.sealed.clone());
    }
    t.sealed = null;
    f.revoked = true;
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
      f.revoked = true;
      f.tokens.values().forEach(t -> t.sealed = null);
    }
  }

  @Override
  public synchronized void revokeSubject(String subject) {
    for (String id : bySubject.getOrDefault(subject, Set.of())) {
      revokeFamily(id);
    }
  }

  /** Sessions held now, live or not yet swept. */
  public synchronized int size() {
    return families.size();
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
      for (TokenState t : f.tokens.values()) {
        if (t.sealed != null && now.isAfter(t.graceUntil)) {
          t.sealed = null;
        }
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
