package dev.gatehouse.core.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Counters in a Micrometer registry. Loaded only after {@link Metering} has found Micrometer on
 * the class path, so that core runs without it.
 *
 * @param registry the registry the counters are registered in
 */
record MicrometerSink(MeterRegistry registry) implements MeterSink {

  /**
   * The application's registry: its CDI bean of type {@code MeterRegistry} when exactly one
   * resolves (WildFly's micrometer subsystem adds one to each deployment; Quarkus's is
   * {@code Metrics.globalRegistry}, to which it adds every configured registry), else Micrometer's
   * global registry.
   *
   * @param cdi whether to ask the running application's CDI container
   */
  static MeterSink resolve(boolean cdi) {
    if (cdi) {
      try {
        Instance<MeterRegistry> bean = CDI.current().select(MeterRegistry.class);
        if (bean.isResolvable()) {
          return new MicrometerSink(bean.get());
        }
      } catch (IllegalStateException noContainer) {
        // no CDI container in this process: the global registry
      }
    }
    return new MicrometerSink(Metrics.globalRegistry);
  }

  @Override
  public Count counter(String name, String description, String[] labels, String[] values) {
    Counter.Builder builder = Counter.builder(name).description(description);
    for (int i = 0; i < labels.length; i++) {
      builder.tag(labels[i], values[i]);
    }
    Counter counter = builder.register(registry);
    return counter::increment;
  }

  @Override
  public boolean equals(Object other) {
    // the same registry object, not two registries that compare equal
    return other instanceof MicrometerSink m && m.registry == registry;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(registry);
  }

  @Override
  public String toString() {
    return "Micrometer " + registry.getClass().getSimpleName();
  }
}
