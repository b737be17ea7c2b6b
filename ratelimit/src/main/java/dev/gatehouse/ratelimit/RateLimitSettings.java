package dev.gatehouse.ratelimit;

import dev.gatehouse.core.config.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Every configured policy, found by name in MicroProfile Config — from properties
 * ({@code gatehouse.ratelimit.login.limit}) and environment variables
 * ({@code GATEHOUSE_RATELIMIT_LOGIN_LIMIT}) alike — or built in code, plus:
 *
 * <ul>
 *   <li>the optional {@code default} policy ({@code gatehouse.ratelimit.default.*}), applied per
 *       client address to every endpoint; off unless configured;
 *   <li>{@code gatehouse.ratelimit.memory.max-keys} (default {@value #DEFAULT_MAX_KEYS}): the most
 *       buckets the in-process backend holds; past it, buckets already full again are evicted
 *       first, then the least recently used of a sample of 64 (an approximated LRU).
 * </ul>
 *
 * <pre>{@code
 * RateLimitSettings settings = RateLimitSettings.builder()
 *     .policy(RateLimitPolicy.builder("login").limit(5).period(Duration.ofMinutes(1)).build())
 *     .build();
 * register(new GatehouseRateLimitFeature(settings));
 * }</pre>
 */
public final class RateLimitSettings {

  public static final String DEFAULT_POLICY = "default";
  public static final String MAX_KEYS = "gatehouse.ratelimit.memory.max-keys";
  public static final int DEFAULT_MAX_KEYS = 100_000;
  private static final String[] SUFFIXES = {"limit", "period", "keys", "on-store-failure"};

  private final Map<String, RateLimitPolicy> policies;
  private final int maxKeys;

  private RateLimitSettings(Builder b) {
    this.policies = Collections.unmodifiableMap(new LinkedHashMap<>(b.policies));
    this.maxKeys = b.maxKeys;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads every policy found in {@code config}, and the in-process bound.
   *
   * @throws dev.gatehouse.core.config.GatehouseConfigException naming each bad or incomplete
   *     property
   */
  public static RateLimitSettings fromConfig(Config config) {
    return ConfigReader.read(config, in -> read(in, config));
  }

  static RateLimitSettings read(ConfigReader in, Config config) {
    Set<String> names = new TreeSet<>();
    for (String property : config.getPropertyNames()) {
      policyName(property).ifPresent(names::add);
    }
    Builder b = builder();
    for (String name : names) {
      RateLimitPolicy.read(in, name).ifPresent(p -> in.apply(b::policy, p));
    }
    in.longValue(MAX_KEYS).ifPresent(v -> in.apply(b::maxKeys, v));
    return b.build();
  }

  /** The policy a property or environment variable belongs to, if any. */
  static Optional<String> policyName(String property) {
    String p;
    if (property.startsWith(RateLimitPolicy.PREFIX)) {
      p = property.substring(RateLimitPolicy.PREFIX.length());
    } else if (property.startsWith("GATEHOUSE_RATELIMIT_")) {
      p = property.substring("GATEHOUSE_RATELIMIT_".length()).toLowerCase(Locale.ROOT)
          .replace('_', '-');
      for (String suffix : SUFFIXES) {
        if (p.endsWith("-" + suffix)) {
          p = p.substring(0, p.length() - suffix.length() - 1) + "." + suffix;
          break;
        }
      }
    } else {
      return Optional.empty();
    }
    for (String suffix : SUFFIXES) {
      if (p.endsWith("." + suffix)) {
        String name = p.substring(0, p.length() - suffix.length() - 1);
        return name.isEmpty() || name.equals("memory") ? Optional.empty() : Optional.of(name);
      }
    }
    return Optional.empty();
  }

  public Optional<RateLimitPolicy> policy(String name) {
    return Optional.ofNullable(policies.get(name));
  }

  /** The per-address policy for every endpoint, if configured. */
  public Optional<RateLimitPolicy> defaultPolicy() {
    return policy(DEFAULT_POLICY);
  }

  public Map<String, RateLimitPolicy> policies() {
    return policies;
  }

  public int maxKeys() {
    return maxKeys;
  }

  @Override
  public String toString() {
    return "RateLimitSettings" + policies.values() + ", memory max " + maxKeys + " keys";
  }

  /** Validates each value as it is set. */
  public static final class Builder {
    private final Map<String, RateLimitPolicy> policies = new LinkedHashMap<>();
    private int maxKeys = DEFAULT_MAX_KEYS;

    private Builder() {
    }

    /**
     * Adds a policy; name it {@value RateLimitSettings#DEFAULT_POLICY} to apply it per client address to every
     * endpoint.
     *
     * @throws IllegalArgumentException when a policy of that name was added already
     */
    public Builder policy(RateLimitPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (policies.containsKey(policy.name())) {
        throw new IllegalArgumentException(ConfigReader.describe(
            RateLimitPolicy.PREFIX + policy.name(), policy, "is given twice; give each policy"
                + " its own name, e.g. login and login-account"));
      }
      policies.put(policy.name(), policy);
      return this;
    }

    /** The most buckets the in-process backend holds, from 100 to 10000000. */
    public Builder maxKeys(long buckets) {
      if (buckets < 100 || buckets > 10_000_000) {
        throw new IllegalArgumentException(ConfigReader.describe(MAX_KEYS, buckets,
            "must be from 100 to 10000000, e.g. " + DEFAULT_MAX_KEYS));
      }
      this.maxKeys = (int) buckets;
      return this;
    }

    public RateLimitSettings build() {
      return new RateLimitSettings(this);
    }
  }
}
