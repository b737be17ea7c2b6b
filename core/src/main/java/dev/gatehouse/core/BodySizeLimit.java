package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

/**
 * The largest request body accepted, {@code gatehouse.body.max-bytes} (default 1 MiB). A declared
 * {@code Content-Length} above it is refused with 413 before anything is read; a chunked body, or
 * one whose length header lies, is counted while it streams and cut off at the limit with 413 — it
 * is never buffered whole. A resource method may set its own limit with {@link MaxBodySize}.
 */
public final class BodySizeLimit {

  public static final String MAX_BYTES = "gatehouse.body.max-bytes";
  public static final long DEFAULT_MAX_BYTES = 1_048_576L;

  private final long maxBytes;

  private BodySizeLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public static BodySizeLimit ofDefaults() {
    return new BodySizeLimit(DEFAULT_MAX_BYTES);
  }

  /** A limit of {@code maxBytes}, from 1 to {@link Integer#MAX_VALUE}. */
  public static BodySizeLimit of(long maxBytes) {
    return new BodySizeLimit(check(MAX_BYTES, maxBytes));
  }

  public static BodySizeLimit fromConfig(Config config) {
    return ConfigReader.read(config, BodySizeLimit::read);
  }

  static BodySizeLimit read(ConfigReader in) {
    BodySizeLimit[] out = {ofDefaults()};
    in.longValue(MAX_BYTES).ifPresent(v -> in.apply(x -> out[0] = of(x), v));
    return out[0];
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

  @Override
  public String toString() {
    return "BodySizeLimit[" + maxBytes + " bytes]";
  }
}
