package dev.gatehouse.ratelimit;

import dev.gatehouse.core.config.ConfigReader;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One named limit: at most {@code limit} calls per {@code period} per key.
 *
 * <ul>
 *   <li>{@code gatehouse.ratelimit.<name>.limit} — calls per period (required, 1 to 1000000)
 *   <li>{@code gatehouse.ratelimit.<name>.period} — ISO-8601, {@code PT1S} to {@code P1D}
 *       (required)
 *   <li>{@code gatehouse.ratelimit.<name>.keys} — {@code ip}, {@code user} or {@code ip,user}
 *       (default {@code ip}); {@code user} falls back to {@code ip} for anonymous callers; with
 *       both, each must pass
 *   <li>{@code gatehouse.ratelimit.<name>.on-store-failure} — {@code deny} (default: 503) or
 *       {@code allow} (let the call through and fire an event) when the store cannot answer
 * </ul>
 *
 * <pre>{@code
 * RateLimitPolicy login = RateLimitPolicy.of("login", 5, Duration.ofMinutes(1), Set.of(Key.IP));
 * }</pre>
 */
public final class RateLimitPolicy {

  /** What a policy counts by. */
  public enum Key {
    /** The client address (see core's ClientAddress; IPv6 by /64). */
    IP,
    /** The authenticated subject; anonymous callers count by address. */
    USER
  }

  public static final String PREFIX = "gatehouse.ratelimit.";
  static final int MAX_LIMIT = 1_000_000;

  private final String name;
  private final int limit;
  private final Duration period;
  private final Set<Key> keys;
  private final boolean allowOnStoreFailure;
  private final String policyHeader;

  private RateLimitPolicy(String name, int limit, Duration period, Set<Key> keys,
      boolean allowOnStoreFailure) {
    this.name = name;
    this.limit = limit;
    this.period = period;
    this.keys = Set.copyOf(keys);
    this.allowOnStoreFailure = allowOnStoreFailure;
    this.policyHeader = "\"" + name + "\";q=" + limit + ";w=" + period.toSeconds();
  }

  /**
   * A validated policy.
   *
   * @throws IllegalArgumentException naming the property that is wrong
   */
  public static RateLimitPolicy of(String name, long limit, Duration period, Set<Key> keys,
      boolean allowOnStoreFailure) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name, name,
          "is not a policy name; use lower-case letters, digits and -, e.g. login"));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name + ".limit", limit,
          "must be from 1 to " + MAX_LIMIT + ", e.g. 5"));
    }
    if (period == null || period.compareTo(Duration.ofSeconds(1)) < 0
        || period.compareTo(Duration.ofDays(1)) > 0 || period.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name + ".period", period,
          "must be whole seconds from PT1S to P1D, e.g. PT1M"));
    }
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name + ".keys", keys,
          "must name ip, user or both"));
    }
    return new RateLimitPolicy(name, (int) limit, period, keys, allowOnStoreFailure);
  }

  public static RateLimitPolicy of(String name, long limit, Duration period, Set<Key> keys) {
    return of(name, limit, period, keys, false);
  }

  /** Reads {@code gatehouse.ratelimit.<name>.*}; empty if the policy is not configured at all. */
  static RateLimitPolicy read(ConfigReader in, String name) {
    String base = PREFIX + name + ".";
    java.util.Optional<Long> limit = in.longValue(base + "limit");
    java.util.Optional<Duration> period = in.duration(base + "period");
    if (limit.isEmpty() || period.isEmpty()) {
      in.secretProblem(base + (limit.isEmpty() ? "limit" : "period"),
          "is required for rate-limit policy " + name + "; set both " + base + "limit and "
              + base + "period, e.g. 5 and PT1M");
      return null;
    }
    Set<Key> keys = EnumSet.noneOf(Key.class);
    for (String k : in.list(base + "keys").orElse(java.util.List.of("ip"))) {
      switch (k.toLowerCase(Locale.ROOT)) {
        case "ip" -> keys.add(Key.IP);
        case "user" -> keys.add(Key.USER);
        default -> in.problem(base + "keys", k, "is not a key; use ip, user or ip,user");
      }
    }
    boolean allow = false;
    java.util.Optional<String> failure = in.string(base + "on-store-failure");
    if (failure.isPresent()) {
      String f = failure.get().toLowerCase(Locale.ROOT);
      if (f.equals("allow")) {
        allow = true;
      } else if (!f.equals("deny")) {
        in.problem(base + "on-store-failure", failure.get(), "must be deny (answer 503) or allow");
      }
    }
    boolean allowOnFailure = allow;
    return in.attempt(() -> of(name, limit.get(), period.get(), keys, allowOnFailure)).orElse(null);
  }

  public String name() {
    return name;
  }

  public int limit() {
    return limit;
  }

  public Duration period() {
    return period;
  }

  public Set<Key> keys() {
    return keys;
  }

  public boolean allowOnStoreFailure() {
    return allowOnStoreFailure;
  }

  /** The {@code RateLimit-Policy} item, computed once: {@code "login";q=5;w=60}. */
  public String policyHeader() {
    return policyHeader;
  }

  @Override
  public String toString() {
    return name + "=" + limit + "/" + period + " by " + keys
        + (allowOnStoreFailure ? " (allow on store failure)" : "");
  }
}
