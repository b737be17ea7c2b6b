package dev.gatehouse.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * What the example process holds while nothing calls it: its threads ({@code /proc/<pid>/task}),
 * those of Jetty's request pool ({@code qtp…}) apart, how many of those are at work — not idle in
 * the pool — by a thread dump ({@code jcmd <pid> Thread.print}), and Redis's connections
 * ({@code CLIENT LIST}) — Gatehouse's pool's ({@code name=gatehouse}), the test's own
 * ({@code name=test-admin}) and any other.
 */
record AtRest(int threads, int jetty, int jettyAtWork, int gatehouse, int other) {

  /** Gatehouse's pool keeps at most this many idle connections (RedisConnector's maxIdle). */
  static final int POOL_MAX_IDLE = 16;
  /** Where an idle thread of Jetty's request pool waits (a pool thread, a reserved thread). */
  private static final List<String> IDLE_IN = List.of("QueuedThreadPool$Runner.idleJobPoll",
      "ReservedThreadExecutor$ReservedThread.waitForTask",
      "ReservedThreadExecutor$ReservedThread.reservedWait");

  static AtRest of(long pid, OwnRedis redis) {
    Map<String, Integer> n = new HashMap<>(Map.of("gatehouse", 0, "test", 0, "other", 0));
    try (Jedis admin = redis.admin()) {
      admin.clientList().lines().filter(l -> !l.isBlank()).forEach(l -> n.merge(
          l.contains(" name=gatehouse ") ? "gatehouse"
              : l.contains(" name=test-admin ") ? "test" : "other", 1, Integer::sum));
    }
    Map<String, Integer> names = ProcStatus.threadNames(pid);
    int jetty = names.entrySet().stream().filter(e -> e.getKey().startsWith("qtp"))
        .mapToInt(Map.Entry::getValue).sum();
    int threads = names.values().stream().mapToInt(Integer::intValue).sum();
    return new AtRest(threads, jetty, jettyAtWork(pid), n.get("gatehouse"), n.get("other"));
  }

  /**
   * Jetty's request-pool threads that are not idle in the pool: its selector and acceptor, and
   * any thread still in a request — one that never ends stays here.
   */
  static int jettyAtWork(long pid) {
    Process jcmd;
    String dump;
    try {
      jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
          .toString(), String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
      dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (jcmd.waitFor() != 0) {
        throw new IllegalStateException("jcmd " + pid + " Thread.print failed: " + dump);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    int atWork = 0;
    for (String thread : dump.split("\\R\\s*\\R")) {
      if (thread.startsWith("\"qtp") && IDLE_IN.stream().noneMatch(thread::contains)) {
        atWork++;
      }
    }
    return atWork;
  }

  /**
   * Whether it is back to {@code baseline}: no more threads outside Jetty's request pool than
   * then, no more of that pool's threads at work than then, at most {@value #POOL_MAX_IDLE} of
   * Gatehouse's Redis connections, and no connection that is neither Gatehouse's nor the test's
   * (a half-open one from a handshake that timed out, say).
   *
   * <p>Why these measures. Jetty keeps a pool thread for 60 s after it was last busy and starts
   * more under load — the more, the slower the machine — so the pool's size says nothing about a
   * leak; a thread that is not back idle in the pool does: a request that never ends holds one.
   * Gatehouse's Redis pool keeps up to {@value #POOL_MAX_IDLE} idle connections and evicts none,
   * so at rest it holds as many as were borrowed at once at the busiest moment since Redis last
   * started — more after a fault; a leaked connection (borrowed and never returned, or broken and
   * never closed) stays open on top of them, and a fault fails hundreds of calls, so a leak per
   * failure passes the bound at once. Every other thread is back to its count exactly.
   */
  boolean isBackTo(AtRest baseline) {
    return threads - jetty <= baseline.threads() - baseline.jetty()
        && jettyAtWork <= baseline.jettyAtWork()
        && gatehouse <= POOL_MAX_IDLE && other == 0;
  }

  /** Polls until {@link #isBackTo} holds; how long that took. */
  static Duration awaitBackTo(AtRest baseline, long pid, OwnRedis redis) {
    return Poll.until(Duration.ofSeconds(30), () -> of(pid, redis) + " back to " + baseline,
        () -> of(pid, redis).isBackTo(baseline));
  }

  @Override
  public String toString() {
    return threads + " threads (" + jetty + " of Jetty's request pool, " + jettyAtWork
        + " of them at work), " + gatehouse
        + " Redis connections of Gatehouse's pool, " + other + " other";
  }
}
