package dev.gatehouse.example;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * What the example process holds while nothing calls it: its threads ({@code /proc/<pid>/task}),
 * those of Jetty's request pool ({@code qtp…}) apart, and Redis's connections
 * ({@code CLIENT LIST}) — Gatehouse's pool's ({@code name=gatehouse}), the test's own
 * ({@code name=test-admin}) and any other.
 */
record AtRest(int threads, int jetty, int gatehouse, int other) {

  /** Gatehouse's pool keeps at most this many idle connections (RedisConnector's maxIdle). */
  static final int POOL_MAX_IDLE = 16;
  /** The most requests the test has in flight at once: its workers and the probe. */
  static final int IN_FLIGHT = FaultsUnderLoadIT.WORKERS + 1;

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
    return new AtRest(threads, jetty, n.get("gatehouse"), n.get("other"));
  }

  /**
   * Whether it is back to {@code baseline}: no more threads outside Jetty's request pool than
   * then, that pool at most {@value #IN_FLIGHT} threads larger, at most {@value #POOL_MAX_IDLE}
   * of Gatehouse's Redis connections, and no connection that is neither Gatehouse's nor the
   * test's (a half-open one from a handshake that timed out, say).
   *
   * <p>Why these tolerances. Jetty keeps a pool thread for 60 s after it was last busy, and a
   * fault keeps more requests in flight at once (each holds its thread for a timeout), so the pool
   * may have grown since the warm-up by as many requests as the test can have in flight,
   * {@value #IN_FLIGHT}; a request that never ends holds a thread too, but it also breaks the
   * latency bound, which is where a hang shows. Gatehouse's Redis pool keeps up to
   * {@value #POOL_MAX_IDLE} idle connections and evicts none, so at rest it holds as many as were
   * borrowed at once at the busiest moment since Redis last started — more after a fault, for the
   * same reason; a leaked connection (borrowed and never returned, or broken and never closed)
   * stays open on top of them, and a fault fails hundreds of calls, so a leak per failure passes
   * the bound at once. Every other thread is back to its count exactly.
   */
  boolean isBackTo(AtRest baseline) {
    return threads - jetty <= baseline.threads() - baseline.jetty()
        && jetty <= baseline.jetty() + IN_FLIGHT
        && gatehouse <= POOL_MAX_IDLE && other == 0;
  }

  /** Polls until {@link #isBackTo} holds; how long that took. */
  static Duration awaitBackTo(AtRest baseline, long pid, OwnRedis redis) {
    return Poll.until(Duration.ofSeconds(30), () -> of(pid, redis) + " back to " + baseline,
        () -> of(pid, redis).isBackTo(baseline));
  }

  @Override
  public String toString() {
    return threads + " threads (" + jetty + " of Jetty's request pool), " + gatehouse
        + " Redis connections of Gatehouse's pool, " + other + " other";
  }
}
