package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

/**
 * Stream limits of the strict JSON reader (see {@link StrictJson}); input past any of them is a
 * 400, never a stack overflow or a 500.
 *
 * <ul>
 *   <li>{@code gatehouse.json.max-nesting-depth} (default 64): arrays and objects inside each other
 *   <li>{@code gatehouse.json.max-number-length} (default 64): digits in one number
 *   <li>{@code gatehouse.json.max-string-length} (default 1048576): characters in one string
 * </ul>
 */
public final class StrictJsonSettings {

  public static final String MAX_DEPTH = "gatehouse.json.max-nesting-depth";
  public static final String MAX_NUMBER = "gatehouse.json.max-number-length";
  public static final String MAX_STRING = "gatehouse.json.max-string-length";
  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final int DEFAULT_MAX_NUMBER = 64;
  public static final int DEFAULT_MAX_STRING = 1_048_576;

  private final int maxDepth;
  private final int maxNumberLength;
  private final int maxStringLength;

  private StrictJsonSettings(int maxDepth, int maxNumberLength, int maxStringLength) {
    this.maxDepth = maxDepth;
    this.maxNumberLength = maxNumberLength;
    this.maxStringLength = maxStringLength;
  }

  public static StrictJsonSettings ofDefaults() {
    return new StrictJsonSettings(DEFAULT_MAX_DEPTH, DEFAULT_MAX_NUMBER, DEFAULT_MAX_STRING);
  }

  public static StrictJsonSettings of(long maxDepth, long maxNumberLength, long maxStringLength) {
    return new StrictJsonSettings(
        range(MAX_DEPTH, maxDepth, 1, 1000, "e.g. 64"),
        range(MAX_NUMBER, maxNumberLength, 1, 1000, "e.g. 64"),
        range(MAX_STRING, maxStringLength, 1, Integer.MAX_VALUE, "e.g. 1048576"));
  }

  public static StrictJsonSettings fromConfig(Config config) {
    return ConfigReader.read(config, StrictJsonSettings::read);
  }

  static StrictJsonSettings read(ConfigReader in) {
    long d = in.longValue(MAX_DEPTH).orElse((long) DEFAULT_MAX_DEPTH);
    long n = in.longValue(MAX_NUMBER).orElse((long) DEFAULT_MAX_NUMBER);
    long s = in.longValue(MAX_STRING).orElse((long) DEFAULT_MAX_STRING);
    return in.attempt(() -> of(d, n, s)).orElseGet(StrictJsonSettings::ofDefaults);
  }

  private static int range(String name, long v, long min, long max, String example) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(ConfigReader.describe(name, v,
          "must be from " + min + " to " + max + ", " + example));
    }
    return (int) v;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public int maxNumberLength() {
    return maxNumberLength;
  }

  public int maxStringLength() {
    return maxStringLength;
  }

  @Override
  public String toString() {
    return "StrictJsonSettings[depth=" + maxDepth + ", number=" + maxNumberLength + ", string="
        + maxStringLength + "]";
  }
}
