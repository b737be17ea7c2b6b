package dev.gatehouse.example;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A bounded wait for a condition, checked every 20 ms (a pace for the check on a shared machine,
 * not a guess at how long anything takes): it returns as soon as the condition holds and fails
 * with {@code what} once the bound has passed.
 */
final class Poll {

  private static final long PACE_NANOS = Duration.ofMillis(20).toNanos();

  private Poll() {
  }

  /**
   * Returns how long it took until {@code condition} held.
   *
   * @throws AssertionError with {@code what} when it did not hold within {@code bound}
   */
  static Duration until(Duration bound, Supplier<String> what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound + ": " + what.get());
      }
      LockSupport.parkNanos(PACE_NANOS);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
