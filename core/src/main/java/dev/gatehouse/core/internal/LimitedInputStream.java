package dev.gatehouse.core.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a request body as they are read and fails once more than the limit have
 * arrived, whatever {@code Content-Length} claimed; nothing beyond limit + 1 bytes is ever read.
 * It also fails a body that is still arriving after its deadline — checked on every read, so a
 * client trickling a byte at a time holds its request thread until the deadline at most (each
 * single wait is bounded by the server's idle timeout). A runtime exception from the container's
 * stream becomes a {@link BodyUnreadableException}, answered 400 like a body cut short.
 */
final class LimitedInputStream extends FilterInputStream {

  private final long limit;
  private final long deadlineNanos;
  private long count;

  LimitedInputStream(InputStream in, long limit, java.time.Duration timeout) {
    super(in);
    this.limit = limit;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  @Override
  public int read() throws IOException {
    checkDeadline();
    int b;
    try {
      b = super.read();
    } catch (RuntimeException containerFailure) {
      throw new BodyUnreadableException(containerFailure);
    }
    if (b >= 0) {
      count(1);
    }
    checkDeadline();
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    checkDeadline();
    long room = limit + 1 - count;
    int n;
    try {
      n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, room)));
    } catch (RuntimeException containerFailure) {
      throw new BodyUnreadableException(containerFailure);
    }
    if (n > 0) {
      count(n);
    }
    checkDeadline();
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    checkDeadline();
    long skipped;
    try {
      skipped = super.skip(Math.min(n, limit + 1 - count));
    } catch (RuntimeException containerFailure) {
      throw new BodyUnreadableException(containerFailure);
    }
    count(skipped);
    return skipped;
  }

  private void count(long n) throws BodyTooLargeException {
    count += n;
    if (count > limit) {
      throw new BodyTooLargeException(limit);
    }
  }

  private void checkDeadline() throws BodyTooSlowException {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new BodyTooSlowException();
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
