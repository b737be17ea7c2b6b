package dev.gatehouse.core.spi;

import dev.gatehouse.core.internal.metrics.MeterSink;
import dev.gatehouse.core.internal.metrics.Metering;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A counter with one or two labels, in the application's metrics registry when it has one
 * (Micrometer's: its CDI {@code MeterRegistry} bean, else {@code Metrics.globalRegistry}), and
 * nowhere when it has none — for Gatehouse's own modules, not for applications. Declare it once,
 * count per event:
 *
 * <pre>{@code
 * private static final GatehouseCounter DECISIONS = GatehouseCounter.of(
 *     "rate.limit.decisions", "Rate-limit decisions", "policy", "outcome");
 * DECISIONS.increment(policy.name(), "refused");
 * }</pre>
 *
 * <p>Label values must come from bounded sets — an enum, reason codes, configured names, fixed
 * words — never a subject, an address or a raw path. Two guards hold that anyway: a value is cut
 * to 64 characters of {@code A-Z a-z 0-9 _ . -} (anything else becomes {@code _}, nothing becomes
 * {@code none}), and once a counter has {@value #MAX_SERIES} label combinations every new one is
 * counted under {@code other}, with one warning. Each combination is registered once; an
 * increment is two map look-ups and the registry's own increment, without allocation.
 */
public final class GatehouseCounter {

  /** Label combinations one counter registers at most; beyond, values count as {@code other}. */
  public static final int MAX_SERIES = 200;

  /** The label value that stands for any value beyond {@link #MAX_SERIES}. */
  public static final String OTHER = "other";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");
  private static final String ONE = "";

  private final String name;
  private final String description;
  private final String[] labels;
  private volatile Series series;

  private GatehouseCounter(String name, String description, String[] labels) {
    this.name = name;
    this.description = description;
    this.labels = labels;
  }

  /** What every counter's name starts with. */
  public static final String PREFIX = "gatehouse.";

  /**
   * A counter named in Micrometer's dotted style under {@value #PREFIX}: {@code security.events}
   * is {@code gatehouse.security.events}, which Prometheus shows as
   * {@code gatehouse_security_events_total}.
   *
   * @param name the name after {@value #PREFIX}
   * @param labels one or two label names
   * @throws IllegalArgumentException for a name or label that is not lower-case dotted words, or
   *     a count of labels other than one or two
   */
  public static GatehouseCounter of(String name, String description, String... labels) {
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
      throw new IllegalArgumentException("counter name " + name + " is not lower-case dotted"
          + " words, e.g. security.events");
    }
    if (labels.length < 1 || labels.length > 2) {
      throw new IllegalArgumentException(name + ": a counter has one or two labels, not "
          + labels.length);
    }
    for (String label : labels) {
      if (!label.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException(name + ": label " + label + " is not a lower-case word");
      }
    }
    return new GatehouseCounter(PREFIX + name, description, labels.clone());
  }

  /** The counter's name. */
  public String name() {
    return name;
  }

  /**
   * Counts one event of a one-label counter.
   *
   * @throws IllegalStateException when the counter has two labels
   */
  public void increment(String value) {
    if (labels.length != 1) {
      throw new IllegalStateException(name + " has two labels");
    }
    Series s = series();
    if (s != null) {
      s.find(value, ONE).increment();
    }
  }

  /**
   * Counts one event of a two-label counter.
   *
   * @throws IllegalStateException when the counter has one label
   */
  public void increment(String first, String second) {
    if (labels.length != 2) {
      throw new IllegalStateException(name + " has one label");
    }
    Series s = series();
    if (s != null) {
      s.find(first, second).increment();
    }
  }

  /** The series of the sink in force, or null when counts go nowhere. */
  private Series series() {
    MeterSink sink = Metering.sink();
    if (sink == MeterSink.NONE) {
      return null;
    }
    Series s = series;
    if (s == null || s.sink != sink) {
      s = new Series(sink); // an application started with another registry: register again
      series = s;
    }
    return s;
  }

  /**
   * A label value as it is registered: at most 64 characters of {@code A-Z a-z 0-9 _ . -}.
   */
  static String value(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder(Math.min(raw.length(), 64));
    for (int i = 0; i < raw.length() && b.length() < 64; i++) {
      char c = raw.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  /** The counters registered in one sink, by first and second label value as given. */
  private final class Series {

    private final MeterSink sink;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, MeterSink.Count>> counts =
        new ConcurrentHashMap<>();
    private int size;
    private MeterSink.Count other;

    Series(MeterSink sink) {
      this.sink = sink;
    }

    MeterSink.Count find(String first, String second) {
      ConcurrentHashMap<String, MeterSink.Count> inner = counts.get(nonNull(first));
      MeterSink.Count c = inner == null ? null : inner.get(nonNull(second));
      return c != null ? c : register(nonNull(first), nonNull(second));
    }

    private synchronized MeterSink.Count register(String first, String second) {
      ConcurrentHashMap<String, MeterSink.Count> inner = counts.get(first);
      MeterSink.Count c = inner == null ? null : inner.get(second);
      if (c != null) {
        return c;
      }
      if (size >= MAX_SERIES) {
        if (other == null) {
          LOG.log(System.Logger.Level.WARNING, "Gatehouse metrics: " + name + " has "
              + MAX_SERIES + " label combinations; further ones are counted as " + OTHER);
          other = sink.counter(name, description, labels, labels.length == 1
              ? new String[] {OTHER} : new String[] {OTHER, OTHER});
        }
        return other;
      }
      String[] values = labels.length == 1 ? new String[] {value(first)}
          : new String[] {value(first), value(second)};
      c = sink.counter(name, description, labels, values);
      counts.computeIfAbsent(first, k -> new ConcurrentHashMap<>()).put(second, c);
      size++;
      return c;
    }

    private static String nonNull(String s) {
      return s == null ? "" : s;
    }
  }
}
