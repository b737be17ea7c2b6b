package dev.gatehouse.bench.redis;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.UnifiedJedis;

/**
 * Counts what one operation costs Redis instead of assuming it: the delta of
 * {@code INFO commandstats} over {@code n} runs (every command executed, those a Lua script
 * calls included), and — to tell a round trip from a command run inside a script — the commands
 * {@code MONITOR} shows as sent by a client rather than by {@code lua}. On a shared Redis other
 * clients' commands would be counted too: count on a Redis of the benchmark's own.
 */
public final class RoundTrips {

  /** What one operation cost, averaged over {@code ops} runs. */
  public record Count(int ops, double roundTripsPerOp, Map<String, Double> commandsPerOp) {
  }

  private static final String MARK = "gatehouse-bench-mark";

  private RoundTrips() {
  }

  /** Runs {@code op} {@code n} times on one thread and counts. */
  public static Count count(UnifiedJedis redis, int n, Runnable op) throws InterruptedException {
    AtomicLong fromClients = new AtomicLong();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    AtomicReference<Boolean> counting = new AtomicReference<>(false);
    URI uri = URI.create(BenchRedis.url());
    Jedis monitor = new Jedis(uri);
    Thread watcher = new Thread(() -> {
      try {
        monitor.monitor(new JedisMonitor() {
          @Override
          public void onCommand(String line) {
            if (line.contains(MARK + "-start")) {
              counting.set(true);
              started.countDown();
            } else if (line.contains(MARK + "-end")) {
              counting.set(false);
              ended.countDown();
            } else if (counting.get() && !line.contains(" lua]")) {
              fromClients.incrementAndGet();
            }
          }
        });
      } catch (RuntimeException closed) {
        // the connection is closed to stop monitoring
      }
    }, "redis-monitor");
    watcher.setDaemon(true);
    watcher.start();
    Map<String, Long> before;
    try (Jedis marker = new Jedis(uri)) {
      do {
        marker.echo(MARK + "-start");
      } while (!started.await(50, TimeUnit.MILLISECONDS));
      before = commandStats(redis);
      for (int i = 0; i < n; i++) {
        op.run();
      }
      Map<String, Long> after = commandStats(redis);
      marker.echo(MARK + "-end");
      if (!ended.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("MONITOR did not see the end mark");
      }
      monitor.disconnect();
      Map<String, Double> perOp = new TreeMap<>();
      for (Map.Entry<String, Long> e : after.entrySet()) {
        long calls = e.getValue() - before.getOrDefault(e.getKey(), 0L);
        if (calls > 0 && !e.getKey().equals("info")) {
          perOp.put(e.getKey(), round((double) calls / n));
        }
      }
      // the two INFO commands between the marks are the counter's own
      double trips = round((double) (fromClients.get() - 2) / n);
      return new Count(n, trips, perOp);
    }
  }

  /** Calls per command, from {@code INFO commandstats} ({@code cmdstat_get:calls=12,...}). */
  static Map<String, Long> commandStats(UnifiedJedis redis) {
    return commandStats(redis.info("commandstats"));
  }

  static Map<String, Long> commandStats(String info) {
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        int colon = line.indexOf(':');
        int start = line.indexOf("calls=", colon) + 6;
        int end = line.indexOf(',', start);
        calls.put(line.substring(8, colon), Long.parseLong(line.substring(start, end)));
      }
    }
    return calls;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
