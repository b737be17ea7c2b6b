package dev.gatehouse.ratelimit.internal;

import java.time.Clock;

/** Tells the system clock, in whatever zone, from a clock an application or a test supplies. */
final class Clocks {

  private static final Class<? extends Clock> SYSTEM = Clock.systemUTC().getClass();

  private Clocks() {
  }

  /**
   * Whether {@code clock} is the JDK's system clock in any zone ({@code Clock.systemUTC()},
   * {@code systemDefaultZone()}, {@code system(zone)}): an application that produces one of these
   * as its {@code Clock} bean has not asked for another time source, so the backends keep their
   * own (Redis's {@code TIME}, the monotonic {@code System.nanoTime()}).
   */
  static boolean isSystem(Clock clock) {
    return clock.getClass() == SYSTEM;
  }
}
