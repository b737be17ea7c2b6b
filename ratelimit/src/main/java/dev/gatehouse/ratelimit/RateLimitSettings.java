package dev.gatehouse.ratelimit;

import dev.gatehouse.core.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Every configured policy, found by name in MicroProfile Config — from properties
 * ({@code gatehouse.ratelimit.login.limit}) and environment variables
 * ({@code GATEHOUSE_RATELIMIT_LOGIN_LIMIT}) alike — plus:
 *
 * <ul>
 *   <li>the optional {@code default} policy ({@code gatehouse.ratelimit.default.*}), applied per
 *       client address to every endpoint; off unless configured;
 *   <li>{@code gatehouse.ratelimit.memory.max-keys} (default 100000): the most buckets the
 *       in-process backend holds; idle ones are evicted first, then the least recently used.
 * </ul>
 */
public final class RateLimitSettings {

  public static final String DEFAULT_POLICY = "default";
  public static final String MAX_KEYS = "gatehouse.ratelimit.memory.max-keys";
  public static final int DEFAULT_MAX_KEYS = 100_000;
  private static final String[] SUFFIXES = {"limit", "period", "keys", "on-store-failure"};

  private final Map<String, RateLimitPolicy> policies;
  private final int maxKeys;

  private RateLimitSettings(Map<String, RateLimitPolicy> policies, int maxKeys) {
    this.policies = Map.copyOf(policies);
    this.maxKeys = maxKeys;
  }

  /** Settings built in code. */
  public static RateLimitSettings of(Map<String, RateLimitPolicy> policies, int maxKeys) {
    return new RateLimitSettings(policies, maxKeys);
  }

  /**
   * Reads every policy found, and requires the {@code required} ones (named by
   * {@code @RateLimited}).
   *
   * @throws dev.gatehouse.core.config.GatehouseConfigException naming each bad or missing property
   */
  public static RateLimitSettings fromConfig(Config config, Set<String> required) {
    return ConfigReader.read(config, in -> read(in, config, required));
  }

  static RateLimitSettings read(ConfigReader in, Config config, Set<String> required) {
    Set<String> names = new TreeSet<>(required);
    for (String property : config.getPropertyNames()) {
      policyName(property).ifPresent(names::add);
    }
    Map<String, RateLimitPolicy> policies = new LinkedHashMap<>();
    for (String name : names) {
      RateLimitPolicy p = RateLimitPolicy.read(in, name);
      if (p != null) {
        policies.put(name, p);
      }
    }
    long maxKeys = in.longValue(MAX_KEYS).orElse((long) DEFAULT_MAX_KEYS);
    if (maxKeys < 100 || maxKeys > 10_000_000) {
      in.problem(MAX_KEYS, String.valueOf(maxKeys), "must be from 100 to 10000000, e.g. 100000");
    }
    return new RateLimitSettings(policies, (int) maxKeys);
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
}
