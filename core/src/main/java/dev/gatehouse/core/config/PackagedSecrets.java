package dev.gatehouse.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Finds a secret's value in a configuration source packaged inside the application — a
 * {@code META-INF/microprofile-config.properties} on the class path, in a jar or a classes
 * folder — which puts the secret in the repository and in every copy of the artifact. Environment
 * variables, system properties, files outside the application and other sources do not count.
 *
 * <p>Every source is asked, not only the one whose value wins: a packaged secret that the
 * environment overrides still ships in the artifact, and becomes the key in force the day the
 * variable is missing. A value that only refers to another property ({@code ${JWT_SECRET}}) holds
 * no secret.
 */
final class PackagedSecrets {

  static final String PACKAGED_FILE = "META-INF/microprofile-config.properties";

  /** A value that is one reference to another property, without a default. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}:]+\\}");

  /** A packaged source holding {@code name}: its name and ordinal, and whether its value wins. */
  record Finding(String source, int ordinal, boolean inForce) {
  }

  private PackagedSecrets() {
  }

  static List<Finding> find(Config config, String name,
      Predicate<String> holdsSecret) {
    String winner = null;
    try {
      ConfigValue value = config.getConfigValue(name);
      winner = value == null ? null : value.getSourceName();
    } catch (RuntimeException noValue) {
      // an implementation may throw for a missing or unresolvable value: then none wins
    }
    List<Finding> found = new ArrayList<>();
    for (ConfigSource source : config.getConfigSources()) {
      String sourceName = source.getName();
      if (!isPackaged(sourceName)) {
        continue;
      }
      String raw = source.getValue(name);
      if (raw == null || raw.isBlank() || REFERENCE.matcher(raw.trim()).matches()
          || !holdsSecret.test(raw.trim())) {
        continue;
      }
      found.add(new Finding(sourceName, source.getOrdinal(), sourceName.equals(winner)));
    }
    return found;
  }

  /** Whether a source of this name was read from inside the application. */
  static boolean isPackaged(String sourceName) {
    return sourceName != null && sourceName.contains(PACKAGED_FILE);
  }

  /** {@code gatehouse.redis.password} ↔ {@code GATEHOUSE_REDIS_PASSWORD}. */
  static String environmentVariable(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
