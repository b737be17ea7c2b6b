package dev.gatehouse.core.support;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap one call of a parser may allocate on its thread: {@code fixed + perInputByte ×}
 * the length of the input, measured with {@link com.sun.management.ThreadMXBean}'s allocation
 * counter around the call. Fuzz tests state their budget in their Javadoc, picked from the largest
 * allocation seen while fuzzing with a margin, so that an input that makes a parser allocate out
 * of proportion to its size (a quadratic path, an amplification) is a finding.
 *
 * <p>A first call of a code path may load and initialise classes on the calling thread, which is
 * counted too: a call over budget is repeated once with the same input and only the repeated call
 * is held to the budget (the outcome reported is the first call's).
 *
 * <p>With {@code -Dgatehouse.fuzz.allocation-report=true} (the {@code fuzz} profile sets it) the
 * largest allocation held to the budget and the largest per input byte are printed each time they
 * grow: the figures the budgets were picked from.
 *
 * <pre>{@code
 * static final AllocationBudget BUDGET = new AllocationBudget(64 * 1024, 64);
 * AllocationBudget.Outcome<Origin> o = BUDGET.run(input.length, () -> Origin.parse(text));
 * }</pre>
 *
 * @param fixed bytes allowed whatever the input
 * @param perInputByte bytes allowed per byte of input on top
 */
public record AllocationBudget(long fixed, long perInputByte) {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final boolean REPORT = Boolean.getBoolean("gatehouse.fuzz.allocation-report");
  private static final AtomicLong MAX_BYTES = new AtomicLong();
  private static final AtomicLong MAX_BYTES_INPUT = new AtomicLong();
  private static final AtomicLong MAX_PER_BYTE = new AtomicLong();
  private static final AtomicLong MAX_PER_BYTE_INPUT = new AtomicLong();

  public AllocationBudget {
    if (!THREADS.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM cannot count allocated bytes per thread");
    }
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }

  /** A call that may return a value or throw. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws Exception;
  }

  /**
   * What a call returned or threw, and what it allocated.
   *
   * @param value what it returned, or null
   * @param thrown what it threw, or null
   * @param allocated bytes allocated by the call on its thread
   */
  public record Outcome<T>(T value, Throwable thrown, long allocated) {
  }

  /** The most bytes a call with an input of {@code inputLength} bytes may allocate. */
  public long limit(int inputLength) {
    return fixed + perInputByte * inputLength;
  }

  /**
   * Runs {@code call} and checks what it allocated.
   *
   * @throws AssertionError when the call, repeated, allocated more than {@link #limit(int)}
   */
  public <T> Outcome<T> run(int inputLength, Call<T> call) {
    Outcome<T> first = measure(call);
    long limit = limit(inputLength);
    if (first.allocated() <= limit) {
      record(first.allocated(), inputLength);
      return first;
    }
    Outcome<T> again = measure(call);
    record(again.allocated(), inputLength);
    if (again.allocated() > limit) {
      throw new AssertionError("allocated " + again.allocated() + " bytes for an input of "
          + inputLength + " bytes; the budget is " + fixed + " + " + perInputByte + " × "
          + inputLength + " = " + limit);
    }
    return first;
  }

  private static <T> Outcome<T> measure(Call<T> call) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    T value = null;
    Throwable thrown = null;
    try {
      value = call.call();
    } catch (Exception e) {
      thrown = e;
    }
    return new Outcome<>(value, thrown, THREADS.getCurrentThreadAllocatedBytes() - before);
  }

  private static synchronized void record(long allocated, int inputLength) {
    if (!REPORT) {
      return;
    }
    boolean more = false;
    if (allocated > MAX_BYTES.get()) {
      MAX_BYTES.set(allocated);
      MAX_BYTES_INPUT.set(inputLength);
      more = true;
    }
    if (inputLength >= 256 && allocated / inputLength > MAX_PER_BYTE.get()) {
      MAX_PER_BYTE.set(allocated / inputLength);
      MAX_PER_BYTE_INPUT.set(inputLength);
      more = true;
    }
    if (more) {
      System.err.println("allocation: at most " + MAX_BYTES + " bytes in one call (input of "
          + MAX_BYTES_INPUT + " bytes); at most " + MAX_PER_BYTE + " bytes per input byte for"
          + " inputs of 256 bytes or more (input of " + MAX_PER_BYTE_INPUT + " bytes)");
    }
  }
}
