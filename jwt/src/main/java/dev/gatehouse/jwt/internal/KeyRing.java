package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.core.config.GatehouseConfigException;
import java.security.Key;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The keys in force, rotated without a restart when they come from files: at most once per
 * {@code gatehouse.jwt.key-refresh-interval} (on the injected clock, by the first request that
 * finds the interval over — no thread of its own) the files are read again, with the same
 * validation as at start. A new key set then signs and verifies at once, and each verification key
 * it no longer holds keeps verifying for {@code max-token-age + clock-skew} — until every token it
 * signed has expired — and is then dropped. Each change is a {@code KEY_ROTATED} security event
 * naming the kid. A key file that cannot be read, or holds a key the rules refuse, changes nothing
 * (a warning and a {@code SERVER_ERROR} event {@code key_refresh_failed}); nor does a new key
 * under a kid already in use, since two keys under one kid cannot both verify.
 *
 * <p>A token kept by the verifier's cache after its key is dropped cannot pass: it expired before
 * the drop, and the cache checks expiry on every request.
 */
public final class KeyRing {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.jwt");

  /** A verification key of an earlier set, kept until {@code dropAt}. */
  private record Retired(Key key, Instant dropAt) {
  }

  /** What signs and what verifies, replaced together. */
  record State(KeySet active, Map<String, Retired> retired, Map<String, Key> verification) {

    static State of(KeySet active, Map<String, Retired> retired) {
      Map<String, Key> verification = new LinkedHashMap<>(active.verificationKeys());
      retired.forEach((kid, r) -> verification.putIfAbsent(kid, r.key()));
      return new State(active, Map.copyOf(retired), Map.copyOf(verification));
    }
  }

  private final Supplier<KeySet> reread;
  private final Duration interval;
  private final Duration grace;
  private final Clock clock;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile State state;
  private volatile Instant nextCheck;

  private KeyRing(KeySet keys, Supplier<KeySet> reread, Duration interval, Duration grace,
      Clock clock) {
    this.state = State.of(keys, Map.of());
    this.reread = reread;
    this.interval = interval;
    this.grace = grace;
    this.clock = clock;
    this.nextCheck = clock.instant().plus(interval);
  }

  /** Keys that never change (given in code or as property values). */
  static KeyRing fixed(KeySet keys, Clock clock) {
    return new KeyRing(keys, null, Duration.ZERO, Duration.ZERO, clock);
  }

  /**
   * Keys read again by {@code reread} every {@code interval}; a key that leaves the set verifies
   * for {@code grace} more.
   */
  static KeyRing refreshing(KeySet keys, Supplier<KeySet> reread, Duration interval,
      Duration grace, Clock clock) {
    return new KeyRing(keys, Objects.requireNonNull(reread), interval, grace, clock);
  }

  /** The key set that signs now. */
  public KeySet signing() {
    return current().active();
  }

  /** The keys in force, after reading the files again if the interval is over. */
  State current() {
    if (reread != null) {
      Instant now = clock.instant();
      if (!now.isBefore(nextCheck) && refreshing.tryLock()) {
        try {
          if (!now.isBefore(nextCheck)) {
            nextCheck = now.plus(interval);
            refresh(now);
          }
        } finally {
          refreshing.unlock();
        }
      }
    }
    return state;
  }

  private void refresh(Instant now) {
    State was = state;
    Map<String, Retired> retired = new LinkedHashMap<>();
    List<String> dropped = new ArrayList<>();
    was.retired().forEach((kid, r) -> {
      if (now.isBefore(r.dropAt())) {
        retired.put(kid, r);
      } else {
        dropped.add(kid);
      }
    });
    KeySet fresh = read(now);
    KeySet active = was.active();
    if (fresh != null && !same(fresh, active) && acceptable(fresh, active, now)) {
      active.verificationKeys().forEach((kid, key) -> {
        if (!fresh.verificationKeys().containsKey(kid)) {
          retired.put(kid, new Retired(key, now.plus(grace)));
        }
      });
      fresh.verificationKeys().keySet().forEach(retired::remove);
      state = State.of(fresh, retired);
      String kid = fresh.signingKeyId().orElse(String.join(",", fresh.verificationKeys().keySet()));
      boolean newSigner = !fresh.signingKeyId().equals(active.signingKeyId())
          || !equal(fresh.signingKey().orElse(null), active.signingKey().orElse(null));
      String what = newSigner && fresh.signingKey().isPresent() ? "signing_key_rotated"
          : "verification_keys_changed";
      LOG.log(System.Logger.Level.INFO, "Gatehouse JWT keys rotated (" + what + "): now "
          + fresh + "; previous keys verify until " + now.plus(grace) + ": " + retired.keySet());
      fire(now, kid, what);
    } else if (!dropped.isEmpty()) {
      state = State.of(active, retired);
    }
    for (String kid : dropped) {
      LOG.log(System.Logger.Level.INFO, "Gatehouse JWT: previous key " + kid + " dropped; every"
          + " token it signed has expired");
      fire(now, kid, "previous_key_dropped");
    }
  }

  private KeySet read(Instant now) {
    try {
      return reread.get();
    } catch (GatehouseConfigException e) {
      refused(now, "the key files could not be read again (" + String.join("; ", e.problems())
          + ")");
      return null;
    } catch (IllegalArgumentException e) {
      refused(now, "the key files could not be read again (" + e.getMessage() + ")");
      return null;
    }
  }

  /** A new set the ring can take: the same algorithm, and no kid naming another key than now. */
  private boolean acceptable(KeySet fresh, KeySet active, Instant now) {
    if (!fresh.algorithm().equals(active.algorithm())) {
      refused(now, "the key files now hold " + fresh.algorithm().getAlgorithm() + " keys, but "
          + active.algorithm().getAlgorithm() + " is in force; changing the algorithm needs a"
          + " restart");
      return false;
    }
    for (Map.Entry<String, Key> e : fresh.verificationKeys().entrySet()) {
      Key current = active.verificationKeys().get(e.getKey());
      if (current != null && !equal(current, e.getValue())) {
        refused(now, "the kid " + e.getKey() + " now names another key; give the new key a kid"
            + " of its own (gatehouse.jwt.key-id), so that tokens signed with the old one keep"
            + " verifying");
        return false;
      }
    }
    return true;
  }

  private void refused(Instant now, String why) {
    LOG.log(System.Logger.Level.WARNING, "Gatehouse JWT keeps the keys in force: " + why);
    SecurityEvents.fire(new SecurityEvent(SecurityEventType.SERVER_ERROR, now, null, null, null,
        null, null, "key_refresh_failed"));
  }

  private static void fire(Instant now, String kid, String what) {
    SecurityEvents.fire(new SecurityEvent(SecurityEventType.KEY_ROTATED, now, null, kid, null,
        null, null, what));
  }

  private static boolean same(KeySet a, KeySet b) {
    if (!a.verificationKeys().keySet().equals(b.verificationKeys().keySet())
        || !a.signingKeyId().equals(b.signingKeyId())
        || !equal(a.signingKey().orElse(null), b.signingKey().orElse(null))) {
      return false;
    }
    return a.verificationKeys().entrySet().stream()
        .allMatch(e -> equal(e.getValue(), b.verificationKeys().get(e.getKey())));
  }

  private static boolean equal(Key a, Key b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.getAlgorithm().equals(b.getAlgorithm())
        && MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
  }
}
