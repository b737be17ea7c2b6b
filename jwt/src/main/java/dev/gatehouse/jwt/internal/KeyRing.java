package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.spi.GatehouseCounter;
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
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The keys in force, rotated without a restart when they come from files or from a JWKS URL.
 *
 * <p><b>Files.</b> At most once per {@code gatehouse.jwt.key-refresh-interval} (on the injected
 * clock, by the first request that finds the interval over — no thread of its own) the files are
 * read again, with the same validation as at start. A new key set then signs and verifies at
 * once, and each verification key it no longer holds keeps verifying for
 * {@code max-token-age + clock-skew} — until every token it signed has expired — and is then
 * dropped. A new key under a kid already in use changes nothing, since two keys under one kid
 * cannot both verify.
 *
 * <p><b>A JWKS URL.</b> The first request after the interval starts a fetch on a thread of the
 * ring's own (one at most, gone after a minute idle) and goes on with the keys in force: no
 * request waits for the periodic fetch. A token naming a kid not in force starts a fetch too, at
 * most once per {@code gatehouse.jwt.unknown-kid-refetch-interval}, and waits for it (bounded by
 * the fetch's own timeouts), so the first token of a key the identity provider has just published
 * passes; other requests meanwhile do not wait. The identity provider decides which keys verify: a key it stops publishing stops
 * verifying at once (as when it withdraws a compromised key), and a kid it reuses names its new
 * key.
 *
 * <p>Each change is a {@code KEY_ROTATED} security event naming the kid. A JWKS key that cannot
 * verify the pinned algorithm (an identity provider's encryption key, say) is skipped, named once
 * in an INFO line; a document with at least one usable key replaces the set, so a withdrawn key
 * never stays in force because the new document also lists a key Gatehouse skips. A source that
 * cannot be read, or holds no usable key or a PEM key the rules refuse, changes nothing: the last good set stays in force, with a
 * warning and a {@code SERVER_ERROR} event {@code key_refresh_failed}.
 *
 * <p>The verifier's cache of verified tokens keeps the key each token was verified with, and a
 * kept token passes only while that key is still in force.
 *
 * <p>Each refresh is counted as {@code gatehouse.key.refreshes{outcome}} in the application's
 * metrics registry, when it has one: {@code ok} when the source was read and its keys taken (or
 * unchanged), {@code failed} when the keys in force were kept because of it.
 */
public final class KeyRing {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.jwt");
  private static final GatehouseCounter REFRESHES = GatehouseCounter.of("key.refreshes",
      "Refreshes of the keys from a JWKS URL or key files, by outcome", "outcome");

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

    /** Whether {@code key} still verifies tokens naming {@code kid}. */
    boolean verifies(String kid, Key key) {
      Key now = verification.get(kid);
      return now == key || (now != null && equal(now, key));
    }
  }

  private final UnaryOperator<KeySet> reread;
  private final String source;
  private final Duration interval;
  private final Duration grace;
  private final Duration unknownKidRefetch;
  private final Duration fetchWait;
  private final Executor executor;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile State state;
  private volatile Instant nextCheck;
  /** The refresh under way, or null; guarded by {@code lock}. */
  private CompletableFuture<State> pending;
  /** When the last refresh started; guarded by {@code lock}. */
  private Instant lastStart;
  /** The keys the source last held that do not verify here, as logged; refresh thread only. */
  private Map<String, String> skipped = Map.of();

  private KeyRing(KeySet keys, UnaryOperator<KeySet> reread, String source, Duration interval,
      Duration grace, Duration unknownKidRefetch, Duration fetchWait, Executor executor,
      Clock clock) {
    this.state = State.of(keys, Map.of());
    this.reread = reread;
    this.source = source;
    this.interval = interval;
    this.grace = grace;
    this.unknownKidRefetch = unknownKidRefetch;
    this.fetchWait = fetchWait;
    this.executor = executor;
    this.clock = clock;
    this.nextCheck = clock.instant().plus(interval);
    this.lastStart = clock.instant();
    logSkipped(keys.skipped());
  }

  /**
   * One INFO line per key the source holds that does not verify here and was not so the last
   * time it was read — an identity provider's encryption key is named once, not at every fetch.
   */
  private void logSkipped(Map<String, String> now) {
    now.forEach((which, why) -> {
      if (!why.equals(skipped.get(which))) {
        LOG.log(System.Logger.Level.INFO, "Gatehouse JWT skips " + JwksKeys.Parsed.label(which)
            + "of " + (source.isEmpty() ? "the configured keys" : source) + ": it " + why);
      }
    });
    skipped = Map.copyOf(now);
  }

  /** Keys that never change (given in code or as property values). */
  static KeyRing fixed(KeySet keys, Clock clock) {
    return new KeyRing(keys, null, "", Duration.ZERO, Duration.ZERO, null, null, Runnable::run,
        clock);
  }

  /**
   * Keys read again from files by {@code reread}, on the request's thread, every
   * {@code interval}; a key that leaves the set verifies for {@code grace} more.
   */
  static KeyRing refreshing(KeySet keys, Supplier<KeySet> reread, Duration interval,
      Duration grace, Clock clock) {
    Objects.requireNonNull(reread);
    return new KeyRing(keys, active -> reread.get(), "the key files", interval, grace, null, null,
        Runnable::run, clock);
  }

  /**
   * Verification keys fetched again from the JWKS at {@code url} — by {@code refetch}, given the
   * set in force — every {@code interval} in the background, and on a token with an unknown kid
   * at most once per {@code unknownKidRefetch}; {@code timeout} bounds each step of a fetch.
   */
  static KeyRing fetching(KeySet keys, URI url, UnaryOperator<KeySet> refetch, Duration timeout,
      Duration interval, Duration unknownKidRefetch, Clock clock) {
    // connect, then read: each bounded by the timeout; a little more for the parse
    Duration wait = timeout.multipliedBy(2).plusSeconds(1);
    return new KeyRing(keys, Objects.requireNonNull(refetch), "the JWKS at " + url, interval,
        Duration.ZERO, Objects.requireNonNull(unknownKidRefetch), wait, fetchThread(), clock);
  }

  /**
   * One daemon thread at most, started by the request that needs it (so it runs in the
   * application's context, as that request does) and gone after a minute idle, so that an
   * undeployed application leaves no thread behind.
   */
  private static Executor fetchThread() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "gatehouse-jwks-fetch");
          t.setDaemon(true);
          return t;
        });
    return pool;
  }

  /** The key set that signs now. */
  public KeySet signing() {
    return current().active();
  }

  /** The keys in force, after starting a refresh if the interval is over. */
  State current() {
    if (reread != null) {
      Instant now = clock.instant();
      if (!now.isBefore(nextCheck)) {
        start(now, false);
      }
    }
    return state;
  }

  /**
   * The keys in force after a token named a kid they lack: with a JWKS URL, fetched again and
   * waited for, unless a fetch started within {@code unknown-kid-refetch-interval} or is under
   * way; otherwise as they are. Only the request that starts a fetch waits — a flood of tokens
   * with made-up kids while the identity provider is slow holds one thread, not all of them.
   */
  State afterUnknownKid() {
    if (unknownKidRefetch == null) {
      return state;
    }
    CompletableFuture<State> refresh = start(clock.instant(), true);
    if (refresh == null) {
      return state;
    }
    try {
      return refresh.get(fetchWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // a refresh that fails keeps the keys in force, and says so itself
    }
    return state;
  }

  /**
   * Starts a refresh unless one is under way; for an unknown kid, only when the last one started
   * {@code unknown-kid-refetch-interval} ago or more.
   *
   * @return the refresh started, or null
   */
  private CompletableFuture<State> start(Instant now, boolean unknownKid) {
    CompletableFuture<State> refresh;
    synchronized (lock) {
      if (pending != null) {
        return null;
      }
      if (unknownKid ? now.isBefore(lastStart.plus(unknownKidRefetch)) : now.isBefore(nextCheck)) {
        return null;
      }
      nextCheck = now.plus(interval);
      lastStart = now;
      refresh = new CompletableFuture<>();
      pending = refresh;
    }
    Runnable task = () -> {
      try {
        refresh(now);
      } catch (RuntimeException e) {
        REFRESHES.increment("failed");
        LOG.log(System.Logger.Level.ERROR, "Gatehouse JWT: refreshing " + source + " failed", e);
      } finally {
        synchronized (lock) {
          pending = null;
        }
        refresh.complete(state);
      }
    };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        pending = null;
      }
      refresh.complete(state);
    }
    return refresh;
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
    if (fresh != null) {
      logSkipped(fresh.skipped());
    }
    KeySet active = was.active();
    boolean changed = fresh != null && !same(fresh, active);
    boolean taken = changed && acceptable(fresh, active, now);
    REFRESHES.increment(fresh != null && (taken || !changed) ? "ok" : "failed");
    if (taken) {
      List<String> withdrawn = new ArrayList<>();
      active.verificationKeys().forEach((kid, key) -> {
        if (!fresh.verificationKeys().containsKey(kid)) {
          if (grace.isZero()) {
            withdrawn.add(kid);
          } else {
            retired.put(kid, new Retired(key, now.plus(grace)));
          }
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
          + fresh + (grace.isZero() ? "; no longer published, so no longer verifying: "
              + withdrawn : "; previous keys verify until " + now.plus(grace) + ": "
              + retired.keySet()));
      fire(now, kid, what);
      for (String gone : withdrawn) {
        fire(now, gone, "key_withdrawn");
      }
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
      return reread.apply(state.active());
    } catch (GatehouseConfigException e) {
      refused(now, source + " could not be read again (" + String.join("; ", e.problems())
          + ")");
      return null;
    } catch (IllegalArgumentException e) {
      refused(now, source + " could not be read again (" + e.getMessage() + ")");
      return null;
    }
  }

  /** A new set the ring can take: the same algorithm, and no kid naming another key than now. */
  private boolean acceptable(KeySet fresh, KeySet active, Instant now) {
    if (!fresh.algorithm().equals(active.algorithm())) {
      refused(now, source + " now holds " + fresh.algorithm().getAlgorithm() + " keys, but "
          + active.algorithm().getAlgorithm() + " is in force; changing the algorithm needs a"
          + " restart");
      return false;
    }
    for (Map.Entry<String, Key> e : fresh.verificationKeys().entrySet()) {
      Key current = active.verificationKeys().get(e.getKey());
      if (current != null && !equal(current, e.getValue()) && !grace.isZero()) {
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
