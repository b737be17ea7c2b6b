package dev.gatehouse.compat.runtime;

import java.util.function.Supplier;

/**
 * A runtime started by the first test that asks for it, then shared by the test class and closed
 * once at its end — so running one test of the class that does not need it (e.g.
 * {@code -Dit.test=WildFlyIT#theOwnerGetsTheirObject}) does not pay for a second server. A start
 * that failed fails again at once for every later test, with the same exception, instead of
 * starting the server again each time.
 */
final class LazyRuntime implements AutoCloseable {

  private final Supplier<RuntimeUnderTest> start;
  private RuntimeUnderTest started;
  private RuntimeException failure;

  LazyRuntime(Supplier<RuntimeUnderTest> start) {
    this.start = start;
  }

  /** The runtime, started now if no test asked for it before. */
  synchronized RuntimeUnderTest get() {
    if (failure != null) {
      throw failure;
    }
    if (started == null) {
      try {
        started = start.get();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return started;
  }

  /** Stops the runtime if it was started; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (started != null) {
      started.close();
      started = null;
    }
  }
}
