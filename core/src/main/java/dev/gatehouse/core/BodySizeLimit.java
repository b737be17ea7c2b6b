package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

/**
 * The largest request body accepted, {@code gatehouse.body.max-bytes} (default 1 MiB). A declared
 * {@code Content-Length} above it is refused with 413 before anything is read; a chunked body, or
 * one whose length header lies, is counted while it streams and cut off at the limit with 413 — it
 * is never buffered whole. A resource method may set its own limit with {@link MaxBodySize}.
 *
 * <p>And the longest a body may take to arrive, {@code gatehouse.body.read-timeout} (default
 * {@code PT10S} for the whole body): a client that trickles its body holds a request thread, so
 * past the deadline the read fails and the request is answered 408. (Servers can do better still:
 * read bodies before dispatching, cap connections and require a minimum data rate — the example's
 * server does.)
 */
public final class BodySizeLimit {

  public static final String MAX_BYTES = "gatehouse.body.max-bytes";
  public static final long DEFAULT_MAX_BYTES = 1_048_576L;
  public static final String READ_TIMEOUT = "gatehouse.body.read-timeout";
  public static final java.time.Duration DEFAULT_READ_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final long maxBytes;
  private final java.time.Duration readTimeout;

  private BodySizeLimit(long maxBytes, java.time.Duration readTimeout) {
    this.maxBytes = maxBytes;
    this.readTimeout = readTimeout;
  }

  public static BodySizeLimit ofDefaults() {
    return new BodySizeLimit(DEFAULT_MAX_BYTES, DEFAULT_READ_TIMEOUT);
  }

  /** A limit of {@code maxBytes}, from 1 to {@link Integer#MAX_VALUE}, with the default timeout. */
  public static BodySizeLimit of(long maxBytes) {
    return new BodySizeLimit(check(MAX_BYTES, maxBytes), DEFAULT_READ_TIMEOUT);
  }

  /** A limit of {@code maxBytes} that must arrive within {@code readTimeout} (PT1S to PT10M). */
  public static BodySizeLimit of(long maxBytes, java.time.Duration readTimeout) {
    return new BodySizeLimit(check(MAX_BYTES, maxBytes), checkTimeout(readTimeout));
  }

  public static BodySizeLimit fromConfig(Config config) {
    return ConfigReader.read(config, BodySizeLimit::read);
  }

  static BodySizeLimit read(ConfigReader in) {
    long[] max = {DEFAULT_MAX_BYTES};
    java.time.Duration[] timeout = {DEFAULT_READ_TIMEOUT};
    in.longValue(MAX_BYTES).ifPresent(v -> in.apply(x -> max[0] = check(MAX_BYTES, x), v));
    in.duration(READ_TIMEOUT).ifPresent(v -> in.apply(x -> timeout[0] = checkTimeout(x), v));
    return new BodySizeLimit(max[0], timeout[0]);
  }

  static java.time.Duration checkTimeout(java.time.Duration d) {
    if (d == null || d.compareTo(java.time.Duration.ofSeconds(1)) < 0
        || d.compareTo(java.time.Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(ConfigReader.describe(READ_TIMEOUT, d,
          "must be from PT1S to PT10M: how long a whole request body may take, e.g. PT10S"));
    }
    return d;
  }

  static long check(String where, long bytes) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(ConfigReader.describe(where, bytes,
          "must be a whole number of bytes from 1 to 2147483647; e.g. 1048576 for 1 MiB"));
    }
    return bytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** How long a whole body may take to arrive. */
  public java.time.Duration readTimeout() {
    return readTimeout;
  }

  @Override
  public String toString() {
    return "BodySizeLimit[" + maxBytes + " bytes within " + readTimeout + "]";
  }
}
