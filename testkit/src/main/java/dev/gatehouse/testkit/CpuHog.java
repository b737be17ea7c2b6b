package dev.gatehouse.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Keeps {@value #PROPERTY} threads busy for a whole test run, so a suite proves it passes on a
 * loaded machine, not only on a quiet one. Off unless the system property is set (the build's
 * {@code under-load} failsafe executions set it to 2: on a 2-core machine, two busy threads take
 * as much CPU as the tests and the servers they start).
 *
 * <p>Registered as a JUnit Platform {@link LauncherSessionListener}, so it runs around every test
 * class of the run, in-process servers and the processes they start alike.
 */
public final class CpuHog implements LauncherSessionListener {

  /** Number of busy threads; absent or 0 for none. */
  public static final String PROPERTY = "testkit.cpu-hog";

  /** Where the spinning threads leave their result, so their work is not optimised away. */
  @SuppressWarnings("unused")
  private static volatile long sink;

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    int n = Integer.getInteger(PROPERTY, 0);
    if (n <= 0) {
      return;
    }
    running = true;
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(this::spin, "cpu-hog-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    System.out.println("CPU hog: " + n + " busy threads for this test run");
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    running = false;
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    threads.clear();
  }

  /** Work the JIT cannot remove: a running hash, published when the hog stops. */
  private void spin() {
    long x = Thread.currentThread().getId();
    while (running) {
      for (int i = 0; i < 100_000; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
    }
    sink = x;
  }
}
