package dev.gatehouse.core.spi;

import dev.gatehouse.core.config.GatehouseConfigException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * A Gatehouse module that another one uses only when the application brings it: gatehouse-jwt and
 * gatehouse-ratelimit keep their state in Redis only when {@code gatehouse-redis} is on the class
 * path, so that a service without Redis does not carry Jedis and its dependencies. The module is
 * recognised by one of its classes, looked up without linking it: a module that uses it reaches
 * its classes only after {@link #present} answered {@code true}.
 *
 * <p>Fail closed: when the module is absent but one of its properties is set, the application
 * asked for it — state kept in one instance's memory instead of the shared store would silently
 * break what several instances promise (a revoked session alive on another instance, limits
 * multiplied by the instance count) — so start-up is refused, naming the property and the
 * dependency to add.
 *
 * <pre>{@code
 * static final OptionalModule REDIS = new OptionalModule("gatehouse-redis",
 *     "dev.gatehouse.redis.GatehouseRedis", "gatehouse.redis.");
 * if (REDIS.present(config, JwtRuntime.class)) { ... }
 * }</pre>
 */
public final class OptionalModule {

  /** gatehouse-redis: the shared Redis connection and the Redis stores of jwt and ratelimit. */
  public static final OptionalModule REDIS = new OptionalModule("gatehouse-redis",
      "dev.gatehouse.redis.GatehouseRedis", "gatehouse.redis.");

  private final String artifact;
  private final String marker;
  private final String prefix;

  /**
   * @param artifact the Maven artifact id of {@code dev.gatehouse} to add
   * @param marker a class of that artifact
   * @param prefix the prefix of its properties, ending with a dot
   */
  public OptionalModule(String artifact, String marker, String prefix) {
    this.artifact = Objects.requireNonNull(artifact);
    this.marker = Objects.requireNonNull(marker);
    this.prefix = Objects.requireNonNull(prefix);
  }

  /**
   * Whether the module is on the class path of {@code user}'s class loader (the one that will
   * link the module's classes).
   *
   * @throws GatehouseConfigException when it is not but one of its properties is set
   */
  public boolean present(Config config, Class<?> user) {
    return present(config, loads(user.getClassLoader()), user);
  }

  /** {@link #present(Config, Class)} with the answer of the class path given. */
  boolean present(Config config, boolean onClassPath, Class<?> user) {
    if (onClassPath) {
      return true;
    }
    Set<String> set = propertiesSet(config);
    if (!set.isEmpty()) {
      throw new GatehouseConfigException(String.join(", ", set) + ": set, but " + artifact
          + " is not on the class path, so what several instances must share (sessions, denied"
          + " tokens, rate limits) would stay in this instance's memory; add the dependency"
          + " dev.gatehouse:" + artifact + " (the same version as the other Gatehouse modules)"
          + " to the application, or remove "
          + (set.size() == 1 ? "the property" : "these properties"));
    }
    return false;
  }

  private boolean loads(ClassLoader loader) {
    try {
      Class.forName(marker, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  /**
   * The module's properties that are set, as properties or environment variables, each named
   * once as the application wrote it ({@code gatehouse.redis.url} or {@code GATEHOUSE_REDIS_URL}).
   */
  private Set<String> propertiesSet(Config config) {
    Map<String, String> set = new TreeMap<>();
    String envPrefix = envForm(prefix);
    for (String name : config.getPropertyNames()) {
      String key = envForm(name);
      if (key.startsWith(envPrefix) && config.getOptionalValue(name, String.class)
          .filter(v -> !v.isBlank()).isPresent()) {
        // some implementations list an environment variable as a property name of their own
        // (GATEHOUSE_REDIS_MASTER_NAME as gatehouse.redis.master.name): name the variable
        set.merge(key, System.getenv(key) != null ? key : name, (a, b) -> a.equals(key) ? a : b);
      }
    }
    return new TreeSet<>(set.values());
  }

  /** {@code gatehouse.redis.master-name} ↔ {@code GATEHOUSE_REDIS_MASTER_NAME}. */
  private static String envForm(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
