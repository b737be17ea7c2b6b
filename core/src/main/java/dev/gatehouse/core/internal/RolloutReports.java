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

  /**
   * The request property naming the check whose report-only mode served the request and the
   * status it would have answered, e.g. {@code jwt 403}: if the response has that status all the
   * same, something else refused it (see {@link #refusedAnyway}).
   */
  public static final String SERVED = "dev.gatehouse.core.served-in-report-only";

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final java.util.Set<String> warnedRefusedAnyway = ConcurrentHashMap.newKeySet();

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

  /**
   * Warns once per check when a request its report-only mode served ({@link #SERVED}) was
   * answered with the very status enforcement would have given: the runtime enforces the rule
   * itself — Payara checks {@code @RolesAllowed} with its own Jersey feature unless
   * {@code jaxrs-roles-allowed-enabled} is false — so report-only cannot serve those calls, and
   * its events would say "served" of requests the client saw refused.
   */
  void refusedAnyway(Object served, int status) {
    // 401 and 403 only: a 400 after json's report-only can be the body's own validation failing,
    // which Gatehouse enforces in report-only too
    if (!(served instanceof String s) || (status != 401 && status != 403)) {
      return;
    }
    int space = s.indexOf(' ');
    String check = s.substring(0, space);
    if (!s.substring(space + 1).equals(Integer.toString(status))
        || !warnedRefusedAnyway.add(check)) {
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "Gatehouse report-only: a request that " + check
        + " served in report-only was answered " + status + " all the same — something besides"
        + " Gatehouse enforces this rule, so report-only cannot serve such calls (its events with"
        + " \"enforced\":false still name them). If it is the runtime's own @RolesAllowed check"
        + " (Payara's, on by default), turn it off while Gatehouse checks roles: in"
        + " WEB-INF/payara-web.xml, <jaxrs-roles-allowed-enabled>false</jaxrs-roles-allowed-enabled>");
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
