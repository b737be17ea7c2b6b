package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.example.MixedLoad.Call;
import dev.gatehouse.example.MixedLoad.Op;
import dev.gatehouse.example.MixedLoad.Session;
import dev.gatehouse.testkit.EmbeddedServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * One fault of {@link FaultsUnderLoadIT} under its load: {@link #begin} starts the load, the test
 * makes the fault and ends it, {@link #end} waits for the service to recover, stops the load and
 * judges every call made meanwhile (the bounds and expectations are the test's; see there).
 */
final class FaultPhase {

  /** The service and what drives and watches it. */
  record Stage(EmbeddedServerProcess app, OwnRedis redis, MixedLoad load, Supplier<Session> probe,
      AtRest baseline, Figures figures) {
  }

  private final Stage stage;
  private final String name;
  private final int firstCall;
  private final long allowedBefore;

  private FaultPhase(Stage stage, String name, int firstCall) {
    this.stage = stage;
    this.name = name;
    this.firstCall = firstCall;
    this.allowedBefore = allowedThroughFailure();
  }

  /** Starts the load and returns once its workers made a few calls each. */
  static FaultPhase begin(Stage stage, String name) {
    int first = stage.load().callCount();
    stage.load().start();
    awaitCalls(stage.load(), first, 4 * FaultsUnderLoadIT.WORKERS);
    return new FaultPhase(stage, name, first);
  }

  static void awaitCalls(MixedLoad load, int from, int calls) {
    Poll.until(Duration.ofSeconds(60), () -> calls + " calls of the load",
        () -> load.callCount() - from >= calls);
  }

  /** The calls of the load since this phase began. */
  List<Call> calls() {
    return stage.load().callsFrom(firstCall);
  }

  /**
   * The store is back: polls until the probe succeeds, stops the load, then checks every call of
   * the phase and that the process is back at rest; records the figures.
   *
   * @param from when the store stopped answering
   * @param to when it could answer again, at the earliest
   * @param expected the status of a call made entirely within {@code [from, to]}
   */
  void end(long from, long to, ToIntFunction<Op> expected) {
    long restored = System.nanoTime();
    Duration recovery;
    try {
      Poll.until(Duration.ofSeconds(20), () -> "the probe succeeding", this::probeSucceeds);
      recovery = Duration.ofNanos(System.nanoTime() - restored);
    } finally {
      stage.load().stop();
    }
    List<Call> calls = calls();
    List<Call> during = calls.stream().filter(c -> c.within(from, to)).toList();
    long pid = stage.app().pid();
    stage.figures().add(name + ": threads as the load stopped " + ProcStatus.threadNames(pid));
    Duration settled = AtRest.awaitBackTo(stage.baseline(), pid, stage.redis());
    stage.figures().add(String.format("%s: %d calls (%d during the fault, %d ms of it); max"
        + " latency %d ms (during the fault %d ms); recovered in %d ms; %d refreshes refused 401"
        + " (session gone); at rest after %d ms: %s (baseline %s)", name, calls.size(),
        during.size(), Duration.ofNanos(to - from).toMillis(), maxLatency(calls).toMillis(),
        maxLatency(during).toMillis(), recovery.toMillis(), calls.stream()
            .filter(c -> c.op() == Op.REFRESH && c.status() == 401).count(),
        settled.toMillis(), AtRest.of(pid, stage.redis()), stage.baseline()));

    assertThat(calls).as("%s: every call answered 2xx, 4xx or a 503 problem", name)
        .allSatisfy(FaultPhase::answered);
    assertThat(calls).as("%s: every call within %s, a login or registration outside the fault"
        + " within %s", name, FaultsUnderLoadIT.BOUND, FaultsUnderLoadIT.PASSWORD_BOUND)
        .allSatisfy(c -> assertThat(c.latency()).as(when(c, from, to)).isLessThanOrEqualTo(
            hashes(c, from, to) ? FaultsUnderLoadIT.PASSWORD_BOUND : FaultsUnderLoadIT.BOUND));
    assertThat(during).as("%s: calls made while the store could not answer", name)
        .allSatisfy(c -> assertThat(c.status()).as(when(c, from, to))
            .isEqualTo(expected.applyAsInt(c.op())));
    assertThat(recovery).as("%s: recovery after the store returned", name)
        .isLessThanOrEqualTo(FaultsUnderLoadIT.RECOVERY);
  }

  /**
   * Every refresh made while Redis could not answer was let through by its limit (one
   * {@code SERVER_ERROR} event each, {@code ratelimit_store_unavailable_allowed}), and still got
   * no new tokens — {@link #end} saw each answered 503 by its store.
   */
  void refreshesWereLetThrough(long from, long to) {
    long refreshes = calls().stream().filter(c -> c.op() == Op.REFRESH && c.within(from, to))
        .count();
    assertThat(refreshes).as("%s: refreshes judged", name).isPositive();
    Poll.until(Duration.ofSeconds(10), () -> name + ": " + refreshes + " refreshes let through,"
        + " events: " + (allowedThroughFailure() - allowedBefore),
        () -> allowedThroughFailure() - allowedBefore >= refreshes);
  }

  private long allowedThroughFailure() {
    return stage.app().output().lines()
        .filter(l -> l.contains("\"ratelimit_store_unavailable_allowed\"")).count();
  }

  private static Duration maxLatency(List<Call> calls) {
    return calls.stream().map(Call::latency).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** A login or registration not refused by the fault: it may hash a password. */
  private static boolean hashes(Call c, long from, long to) {
    return (c.op() == Op.LOGIN || c.op() == Op.REGISTER) && !c.within(from, to);
  }

  /** The call, with when it started and ended relative to the fault. */
  private static String when(Call c, long from, long to) {
    return c + ", from " + (c.start() - from) / 1_000_000 + " ms to " + (c.end() - from)
        / 1_000_000 + " ms after the fault began (it lasted " + (to - from) / 1_000_000 + " ms)";
  }

  private static void answered(Call c) {
    assertThat(c.failure()).as(c.toString()).isNull();
    assertThat(c.status()).as(c.toString()).satisfiesAnyOf(
        s -> assertThat(s).isBetween(200, 299),
        s -> assertThat(s).isBetween(400, 499),
        s -> assertThat(s).isEqualTo(503));
    if (c.status() == 503) {
      // 2 s from a store that failed, 1 s from the password hasher when it is saturated
      assertThat(c.retryAfter()).as(c.toString()).isIn("1", "2");
      assertThat(c.contentType()).as(c.toString()).isEqualTo("application/problem+json");
    }
  }

  /**
   * The probe's notes are listed (the deny-list, and the database, answer) and its refresh is
   * answered by the session store: rotated (200), or refused because an empty Redis lost the
   * session (401). No password is hashed: the probe measures the stores, not the CPU.
   */
  private boolean probeSucceeds() {
    Session probe = stage.probe().get();
    if (stage.load().once(Op.LIST_NOTES, probe).status() != 200) {
      return false;
    }
    int refresh = stage.load().once(Op.REFRESH, probe).status();
    return refresh == 200 || refresh == 401;
  }
}
