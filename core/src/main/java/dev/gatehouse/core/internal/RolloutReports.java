package dev.gatehouse.core.internal;

import dev.gatehouse.core.SecurityEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, per check in report-only mode, the requests served that enforcement would have refused,
 * and says so on the logger {@code dev.gatehouse.core} at WARNING: at the first, the tenth, the
 * hundredth (each power of ten) and at shutdown. Counting in powers of ten keeps a flood of
 * would-be refusals to a handful of lines without a timer; each request is also a security event
 * with {@code "enforced":false}, which is where to count precisely.
 */
public final class RolloutReports {

  /**
   * The request property holding a {@link dev.gatehouse.core.Problem} a body reader would have
   * answered, reported by the response filter (a reader sees no request to build an event from).
   */
  public static final String PENDING = "dev.gatehouse.core.not-enforced";

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  /** Counts one would-be refusal of {@code check}, described by {@code event}. */
  public void count(String check, SecurityEvent event) {
    long n = counts.computeIfAbsent(check, c -> new AtomicLong()).incrementAndGet();
    if (powerOfTen(n)) {
      LOG.log(System.Logger.Level.WARNING, "Gatehouse report-only: " + check + " has served " + n
          + (n == 1 ? " request" : " requests") + " that enforcement would have refused (latest: "
          + event.type() + " " + event.reason() + " on " + event.method() + " "
          + event.path() + "); see the security events with \"enforced\":false");
    }
  }

  /** The would-be refusals counted so far, per check. */
  public Map<String, Long> counts() {
    Map<String, Long> m = new TreeMap<>();
    counts.forEach((check, n) -> m.put(check, n.get()));
    return m;
  }

  /** The closing line: what each check in report-only would have refused since start-up. */
  void logTotals(java.util.Set<String> reportOnly) {
    if (reportOnly.isEmpty()) {
      return;
    }
    Map<String, Long> m = new TreeMap<>();
    reportOnly.forEach(c -> m.put(c, 0L));
    m.putAll(counts());
    LOG.log(System.Logger.Level.WARNING, "Gatehouse report-only at shutdown: requests served that"
        + " enforcement would have refused, per check since start-up: " + m);
  }

  static boolean powerOfTen(long n) {
    while (n >= 10 && n % 10 == 0) {
      n /= 10;
    }
    return n == 1;
  }
}
