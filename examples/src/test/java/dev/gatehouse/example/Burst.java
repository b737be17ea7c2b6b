package dev.gatehouse.example;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls released together: a fixed pool of client threads, each call waiting on one start latch,
 * and one deadline for the lot. With more calls than threads the first {@code threads} calls
 * start at once and the rest follow as threads free up, so the server sees {@code threads}
 * requests at a time, the first wave at the same instant.
 */
final class Burst {

  private Burst() {
  }

  /**
   * The results of {@code calls}, in order.
   *
   * @throws AssertionError when a call failed or the lot did not finish within {@code bound}
   */
  static <T> List<T> run(int threads, List<Callable<T>> calls, Duration bound)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, calls.size()));
    CountDownLatch go = new CountDownLatch(1);
    long deadline = System.nanoTime() + bound.toNanos();
    try {
      List<Future<T>> futures = new ArrayList<>(calls.size());
      for (Callable<T> call : calls) {
        futures.add(pool.submit(() -> {
          if (!go.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("never released");
          }
          return call.call();
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>(calls.size());
      for (Future<T> f : futures) {
        try {
          results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          throw new AssertionError("only " + results.size() + " of " + calls.size()
              + " calls finished within " + bound);
        } catch (ExecutionException e) {
          throw new AssertionError("call " + results.size() + " failed: " + e.getCause(),
              e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
