package dev.gatehouse.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks the same question again until it has an answer or the time is up, so a harness waits for a
 * state (a cluster that agrees on its slots, a promoted replica) and never for an amount of time
 * it guessed. The limit is generous on purpose: it only decides how long a broken setup takes to
 * fail, never how fast a working one is.
 */
final class BoundedPoll {

  private static final long INTERVAL_MILLIS = 50;

  private BoundedPoll() {
  }

  /**
   * The first answer {@code probe} gives within {@code limit}; a probe returns empty while the
   * state is not there yet, and its exceptions count as "not yet" (a process still starting
   * refuses connections) except {@link GiveUp}, for a state that can no longer come (the process
   * died). On timeout, the message names {@code what} and the last observation.
   */
  static <T> T until(Duration limit, String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + limit.toNanos();
    Object last = "nothing yet";
    while (true) {
      try {
        Optional<T> answer = probe.get();
        if (answer.isPresent()) {
          return answer.get();
        }
        last = "not yet";
      } catch (GiveUp e) {
        throw e;
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not happen within " + limit.toSeconds()
            + " s; last observation: " + last);
      }
      try {
        Thread.sleep(INTERVAL_MILLIS); // the interval of a bounded poll, not a wait for time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting until " + what, e);
      }
    }
  }

  /** Thrown by a probe that sees the awaited state can no longer come: stop polling at once. */
  static final class GiveUp extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    GiveUp(String message) {
      super(message);
    }
  }
}
