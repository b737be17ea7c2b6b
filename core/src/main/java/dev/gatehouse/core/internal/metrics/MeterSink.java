package dev.gatehouse.core.internal.metrics;

/**
 * Where Gatehouse's counters go: the application's metrics registry, or nowhere. Implementations
 * register a counter once per name and label values; what they hand back is incremented per
 * event.
 */
public interface MeterSink {

  /** The sink of an application without a metrics library: every count is dropped. */
  MeterSink NONE = (name, description, labels, values) -> Count.NONE;

  /** One registered counter. */
  @FunctionalInterface
  interface Count {

    /** A count nobody reads. */
    Count NONE = () -> { };

    void increment();
  }

  /**
   * Registers (or finds) the counter {@code name} with these label values.
   *
   * @param labels the label names
   * @param values their values, in the same order, already bounded and sanitised
   */
  Count counter(String name, String description, String[] labels, String[] values);
}
