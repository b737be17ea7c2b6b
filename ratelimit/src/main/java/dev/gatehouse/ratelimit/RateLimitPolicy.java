package dev.gatehouse.ratelimit;

import dev.gatehouse.core.config.ConfigReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One named limit: at most {@code limit} calls per {@code period} per key. Built in code with
 * {@link #builder(String)}, or read from MicroProfile Config through the same builder, so both pass
 * the same checks:
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
 * RateLimitPolicy login = RateLimitPolicy.builder("login")
 *     .limit(5).period(Duration.ofMinutes(1)).keys(Key.IP)
 *     .build();
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
  /** The keys of a policy that names none: the client address. */
  public static final Set<Key> DEFAULT_KEYS = Set.of(Key.IP);
  static final int MAX_LIMIT = 1_000_000;

  private final String name;
  private final int limit;
  private final Duration period;
  private final Set<Key> keys;
  private final boolean allowOnStoreFailure;
  private final String policyHeader;

  private RateLimitPolicy(Builder b) {
    this.name = b.name;
    this.limit = b.limit;
    this.period = b.period;
    this.keys = b.keys;
    this.allowOnStoreFailure = b.allowOnStoreFailure;
    this.policyHeader = "\"" + name + "\";q=" + limit + ";w=" + period.toSeconds();
  }

  /**
   * Starts a policy; {@link Builder#limit} and {@link Builder#period} are required.
   *
   * @param name lower-case letters, digits and {@code -}, e.g. {@code login}
   * @throws IllegalArgumentException naming the property when {@code name} cannot be a policy name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * {@code builder(name).limit(limit).period(period).keys(keys).build()}.
   *
   * @throws IllegalArgumentException naming the property that is wrong
   */
  public static RateLimitPolicy of(String name, long limit, Duration period, Set<Key> keys) {
    return builder(name).limit(limit).period(period).keys(keys).build();
  }

  /**
   * Reads {@code gatehouse.ratelimit.<name>.*} into a builder; empty, with the problems recorded
   * in {@code in}, when the policy is incomplete or invalid.
   */
  static Optional<RateLimitPolicy> read(ConfigReader in, String name) {
    String base = PREFIX + name + ".";
    Optional<Long> limit = in.longValue(base + "limit");
    Optional<Duration> period = in.duration(base + "period");
    if (limit.isEmpty() || period.isEmpty()) {
      in.secretProblem(base + (limit.isEmpty() ? "limit" : "period"), requiredRule(name));
      return Optional.empty();
    }
    Optional<Builder> started = in.attempt(() -> builder(name));
    if (started.isEmpty()) {
      return Optional.empty();
    }
    Builder b = started.get();
    boolean taken = in.apply(b::limit, limit.get()) & in.apply(b::period, period.get());
    Set<Key> keys = EnumSet.noneOf(Key.class);
    for (String k : in.list(base + "keys").orElse(List.of("ip"))) {
      switch (k.toLowerCase(Locale.ROOT)) {
        case "ip" -> keys.add(Key.IP);
        case "user" -> keys.add(Key.USER);
        default -> in.problem(base + "keys", k, "is not a key; use ip, user or ip,user");
      }
    }
    in.apply(b::keys, keys);
    in.string(base + "on-store-failure").ifPresent(failure -> {
      switch (failure.toLowerCase(Locale.ROOT)) {
        case "allow" -> b.allowOnStoreFailure(true);
        case "deny" -> b.allowOnStoreFailure(false);
        default -> in.problem(base + "on-store-failure", failure,
            "must be deny (answer 503) or allow");
      }
    });
    return taken ? in.attempt(b::build) : Optional.empty();
  }

  private static String requiredRule(String name) {
    return "is required for rate-limit policy " + name + "; set both " + PREFIX + name
        + ".limit and " + PREFIX + name + ".period, e.g. 5 and PT1M";
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

  /**
   * Validates each value as it is set, naming the property it would be read from, and that
   * {@code limit} and {@code period} were set in {@link #build()}.
   */
  public static final class Builder {
    private final String name;
    private int limit;
    private Duration period;
    private Set<Key> keys = DEFAULT_KEYS;
    private boolean allowOnStoreFailure;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name, name,
            "is not a policy name; use lower-case letters, digits and -, e.g. login"));
      }
      this.name = name;
    }

    /** Calls allowed per period and key, from 1 to 1000000. */
    public Builder limit(long calls) {
      if (calls < 1 || calls > MAX_LIMIT) {
        throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name + ".limit", calls,
            "must be from 1 to " + MAX_LIMIT + ", e.g. 5"));
      }
      this.limit = (int) calls;
      return this;
    }

    /** The period, whole seconds from {@code PT1S} to {@code P1D}. */
    public Builder period(Duration length) {
      if (length == null || length.compareTo(Duration.ofSeconds(1)) < 0
          || length.compareTo(Duration.ofDays(1)) > 0 || length.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name + ".period",
            length, "must be whole seconds from PT1S to P1D, e.g. PT1M"));
      }
      this.period = length;
      return this;
    }

    /** What the policy counts by (default {@link #DEFAULT_KEYS}); with both, each must pass. */
    public Builder keys(Set<Key> countBy) {
      if (countBy == null || countBy.isEmpty() || countBy.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException(ConfigReader.describe(PREFIX + name + ".keys",
            countBy, "must name ip, user or both"));
      }
      this.keys = Set.copyOf(countBy);
      return this;
    }

    /** {@link #keys(Set)} of the given keys. */
    public Builder keys(Key... countBy) {
      return keys(countBy == null ? null : new HashSet<>(Arrays.asList(countBy)));
    }

    /**
     * Whether a call goes through (with an event) when the store cannot answer; default
     * {@code false}: 503.
     */
    public Builder allowOnStoreFailure(boolean allow) {
      this.allowOnStoreFailure = allow;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalArgumentException when the limit or the period was not set
     */
    public RateLimitPolicy build() {
      if (limit == 0 || period == null) {
        throw new IllegalArgumentException(PREFIX + name + "." + (limit == 0 ? "limit" : "period")
            + ": " + requiredRule(name));
      }
      return new RateLimitPolicy(this);
    }
  }
}
