package dev.gatehouse.core.internal.metrics;

/**
 * The sink Gatehouse's counters go to in this class loader — which is one application's, since
 * Gatehouse lives in the application's own libraries. Micrometer when its
 * {@code io.micrometer.core.instrument.MeterRegistry} is visible to Gatehouse, else
 * {@link MeterSink#NONE}: core has no mandatory metrics dependency, and a counter costs nothing
 * where nobody reads it.
 *
 * <p>Bound again by each application start ({@link #bindApplication()}), so the application's
 * CDI {@code MeterRegistry} bean wins over Micrometer's global registry; until then (and outside
 * a CDI container) the global registry.
 */
public final class Metering {

  static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");

  private static volatile MeterSink sink;

  private Metering() {
  }

  /** The sink in force. */
  public static MeterSink sink() {
    MeterSink s = sink;
    if (s == null) {
      s = resolve(false);
      sink = s;
    }
    return s;
  }

  /**
   * Binds the starting application's registry (its CDI bean, else the global one); called from
   * core's runtime bean, inside the application's CDI container.
   */
  public static synchronized void bindApplication() {
    MeterSink next = resolve(true);
    if (!next.equals(sink)) {
      sink = next;
      LOG.log(System.Logger.Level.DEBUG, "Gatehouse metrics: " + next);
    }
  }

  private static MeterSink resolve(boolean cdi) {
    if (!present(MICROMETER)) {
      return MeterSink.NONE;
    }
    try {
      return MicrometerSink.resolve(cdi);
    } catch (LinkageError incomplete) {
      // a partial Micrometer (core without its dependencies): no metrics rather than no service
      LOG.log(System.Logger.Level.WARNING, "Gatehouse metrics off: Micrometer is on the class path"
          + " but cannot be loaded (" + incomplete + ")");
      return MeterSink.NONE;
    }
  }

  static boolean present(String type) {
    try {
      Class.forName(type, false, Metering.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
