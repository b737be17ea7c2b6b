package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

/**
 * Page-size bounds for {@link PageRequest}: {@code gatehouse.paging.max-size} (default 100, at
 * most 10000) and {@code gatehouse.paging.default-size} (default 20, at most the maximum).
 */
public final class PagingSettings {

  public static final String MAX_SIZE = "gatehouse.paging.max-size";
  public static final String DEFAULT_SIZE = "gatehouse.paging.default-size";
  public static final int DEFAULT_MAX_SIZE = 100;
  public static final int DEFAULT_PAGE_SIZE = 20;
  static final int CEILING = 10_000;

  private final int maxSize;
  private final int defaultSize;

  private PagingSettings(int maxSize, int defaultSize) {
    this.maxSize = maxSize;
    this.defaultSize = defaultSize;
  }

  public static PagingSettings ofDefaults() {
    return new PagingSettings(DEFAULT_MAX_SIZE, DEFAULT_PAGE_SIZE);
  }

  public static PagingSettings of(long maxSize, long defaultSize) {
    if (maxSize < 1 || maxSize > CEILING) {
      throw new IllegalArgumentException(ConfigReader.describe(MAX_SIZE, maxSize,
          "must be from 1 to " + CEILING + "; large pages let one call read a whole table, e.g. 100"));
    }
    if (defaultSize < 1 || defaultSize > maxSize) {
      throw new IllegalArgumentException(ConfigReader.describe(DEFAULT_SIZE, defaultSize,
          "must be from 1 to " + MAX_SIZE + " (" + maxSize + "), e.g. 20"));
    }
    return new PagingSettings((int) maxSize, (int) defaultSize);
  }

  public static PagingSettings fromConfig(Config config) {
    return ConfigReader.read(config, PagingSettings::read);
  }

  static PagingSettings read(ConfigReader in) {
    long max = in.longValue(MAX_SIZE).orElse((long) DEFAULT_MAX_SIZE);
    long def = in.longValue(DEFAULT_SIZE).orElse((long) Math.min(DEFAULT_PAGE_SIZE, max));
    return in.attempt(() -> of(max, def)).orElseGet(PagingSettings::ofDefaults);
  }

  public int maxSize() {
    return maxSize;
  }

  public int defaultSize() {
    return defaultSize;
  }

  @Override
  public String toString() {
    return "PagingSettings[max=" + maxSize + ", default=" + defaultSize + "]";
  }
}
