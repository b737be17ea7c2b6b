package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

/**
 * Stream limits and text rules of the strict JSON reader (see {@link StrictJson}); input past any
 * of them is a 400, never a stack overflow or a 500.
 *
 * <ul>
 *   <li>{@code gatehouse.json.max-nesting-depth} (default 64): arrays and objects inside each other
 *   <li>{@code gatehouse.json.max-number-length} (default 64): digits in one number
 *   <li>{@code gatehouse.json.max-string-length} (default 1048576): characters in one string
 *   <li>{@code gatehouse.json.allow-control-characters} (default false): whether strings and
 *       field names may hold C0 control characters other than tab, line feed and carriage return
 *       (<code>&#92;u0000</code> to <code>&#92;u001f</code>, always escaped in JSON). Off by
 *       default: a NUL ends strings in C libraries and is refused by PostgreSQL, and the others
 *       have no place in the text an API stores and shows.
 * </ul>
 *
 * <pre>{@code
 * StrictJsonSettings json = StrictJsonSettings.of(32, 20, 65_536)
 *     .withControlCharactersAllowed(false);
 * }</pre>
 */
public final class StrictJsonSettings {

  public static final String MAX_DEPTH = "gatehouse.json.max-nesting-depth";
  public static final String MAX_NUMBER = "gatehouse.json.max-number-length";
  public static final String MAX_STRING = "gatehouse.json.max-string-length";
  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final int DEFAULT_MAX_NUMBER = 64;
  public static final int DEFAULT_MAX_STRING = 1_048_576;
  public static final String ALLOW_CONTROL = "gatehouse.json.allow-control-characters";
  public static final boolean DEFAULT_ALLOW_CONTROL = false;

  private final int maxDepth;
  private final int maxNumberLength;
  private final int maxStringLength;
  private final boolean allowControlCharacters;

  private StrictJsonSettings(int maxDepth, int maxNumberLength, int maxStringLength,
      boolean allowControlCharacters) {
    this.maxDepth = maxDepth;
    this.maxNumberLength = maxNumberLength;
    this.maxStringLength = maxStringLength;
    this.allowControlCharacters = allowControlCharacters;
  }

  /** The defaults: depth 64, 64 digits, 1048576 characters, no control characters. */
  public static StrictJsonSettings ofDefaults() {
    return new StrictJsonSettings(DEFAULT_MAX_DEPTH, DEFAULT_MAX_NUMBER, DEFAULT_MAX_STRING,
        DEFAULT_ALLOW_CONTROL);
  }

  /**
   * Settings with these stream limits and control characters refused.
   *
   * @throws IllegalArgumentException naming the property when a limit is out of its range
   */
  public static StrictJsonSettings of(long maxDepth, long maxNumberLength, long maxStringLength) {
    return new StrictJsonSettings(
        range(MAX_DEPTH, maxDepth, 1, 1000, "e.g. 64"),
        range(MAX_NUMBER, maxNumberLength, 1, 1000, "e.g. 64"),
        range(MAX_STRING, maxStringLength, 1, Integer.MAX_VALUE, "e.g. 1048576"),
        DEFAULT_ALLOW_CONTROL);
  }

  /** These settings with C0 control characters in strings accepted ({@code true}) or not. */
  public StrictJsonSettings withControlCharactersAllowed(boolean allowed) {
    return new StrictJsonSettings(maxDepth, maxNumberLength, maxStringLength, allowed);
  }

  public static StrictJsonSettings fromConfig(Config config) {
    return ConfigReader.read(config, StrictJsonSettings::read);
  }

  static StrictJsonSettings read(ConfigReader in) {
    long d = in.longValue(MAX_DEPTH).orElse((long) DEFAULT_MAX_DEPTH);
    long n = in.longValue(MAX_NUMBER).orElse((long) DEFAULT_MAX_NUMBER);
    long s = in.longValue(MAX_STRING).orElse((long) DEFAULT_MAX_STRING);
    boolean control = in.bool(ALLOW_CONTROL).orElse(DEFAULT_ALLOW_CONTROL);
    return in.attempt(() -> of(d, n, s)).orElseGet(StrictJsonSettings::ofDefaults)
        .withControlCharactersAllowed(control);
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

  /** Whether C0 control characters other than tab, CR and LF may appear in strings and names. */
  public boolean allowControlCharacters() {
    return allowControlCharacters;
  }

  @Override
  public String toString() {
    return "StrictJsonSettings[depth=" + maxDepth + ", number=" + maxNumberLength + ", string="
        + maxStringLength + ", control characters "
        + (allowControlCharacters ? "allowed" : "refused") + "]";
  }
}
