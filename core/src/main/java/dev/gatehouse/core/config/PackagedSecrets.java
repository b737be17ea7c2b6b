package dev.gatehouse.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Finds a secret's value in a configuration file packaged inside the application — on the class
 * path, in a jar or a classes folder — which puts the secret in the repository and in every copy
 * of the artifact. The files are those the runtimes read from the class path:
 * {@code META-INF/microprofile-config.properties} (MicroProfile Config, every runtime),
 * {@code application.properties} and {@code application.yaml}/{@code .yml} (Quarkus; SmallRye
 * Config's YAML source also reads {@code META-INF/microprofile-config.yaml}), and their
 * {@code prod} profile files. They are read directly, not only through the configuration sources:
 * a runtime that does not read one still ships it, and a source holds a profile's key
 * ({@code %prod.gatehouse.jwt.secret}, or {@code "%prod": gatehouse: jwt: secret:} in YAML) under
 * that name, where asking for {@code gatehouse.jwt.secret} does not see it. Environment
 * variables, system properties and files outside the application (Quarkus's
 * {@code config/application.properties} in the working directory) do not count.
 *
 * <p>Every file is asked, not only the one whose value wins: a packaged secret that the
 * environment overrides still ships in the artifact, and becomes the key in force the day the
 * variable is missing. Keys of the {@code dev} and {@code test} profiles only are not counted:
 * Quarkus runs those from sources and tests, never from the packaged application. A value that
 * only refers to another property ({@code ${JWT_SECRET}}) holds no secret.
 */
final class PackagedSecrets {

  /** The class path resources read, as the runtimes name them. */
  static final List<String> PACKAGED_FILES = List.of(
      "META-INF/microprofile-config.properties", "META-INF/microprofile-config-prod.properties",
      "META-INF/microprofile-config.yaml", "META-INF/microprofile-config.yml",
      "application.properties", "application-prod.properties",
      "application.yaml", "application.yml", "application-prod.yaml", "application-prod.yml");

  /** Profiles a packaged application does not run under (Quarkus dev mode and tests). */
  private static final Set<String> UNPACKAGED_PROFILES = Set.of("dev", "test");

  /** A value that is one reference to another property, without a default. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}:]+\\}");

  /** A class path URL of a packaged file inside a configuration source's name. */
  private static final Pattern SOURCE_URL = Pattern.compile("((?:jar:)?file:[^\\s\\]]*?/("
      + PACKAGED_FILES.stream().map(Pattern::quote).collect(Collectors.joining("|")) + "))");

  /** The files' keys per class loader: packaged files do not change while it lives. */
  private static final Map<ClassLoader, List<PackagedFile>> READ = new WeakHashMap<>();

  /**
   * A packaged file holding {@code name}: where (the configuration source and its ordinal when
   * the runtime reads the file, else the file), whether its value wins, the profile key it is
   * written under, if any, and whether a value from another source wins instead.
   */
  record Finding(String where, boolean inForce, Optional<String> profileKey,
      boolean overridden) {
  }

  /** One packaged file and its keys. */
  record PackagedFile(String url, Map<String, String> values) {
  }

  private PackagedSecrets() {
  }

  static List<Finding> find(Config config, String name, Predicate<String> holdsSecret) {
    String found0 = null;
    try {
      ConfigValue value = config.getConfigValue(name);
      found0 = value == null ? null : value.getSourceName();
    } catch (RuntimeException noValue) {
      // an implementation may throw for a missing or unresolvable value: then none wins
    }
    String winner = found0;
    List<Finding> found = new ArrayList<>();
    for (PackagedFile file : packagedFiles(config)) {
      Optional<ConfigSource> source = sourceOf(config, file.url());
      for (Map.Entry<String, String> e : file.values().entrySet()) {
        String key = e.getKey();
        if (!sets(key, name) || !holdsSecret(e.getValue(), holdsSecret)) {
          continue;
        }
        String where = source.map(s -> s.getName() + " (ordinal " + s.getOrdinal() + ")")
            .orElse(file.url());
        // a profile's key wins under its own name: the winning source reads this file
        boolean inForce = winner != null && (key.equals(name)
            ? source.map(s -> s.getName().equals(winner)).orElse(false)
            : canonical(winner).contains(file.url()));
        found.add(new Finding(where, inForce,
            key.equals(name) ? Optional.empty() : Optional.of(key),
            !inForce && winner != null && key.equals(name)));
      }
    }
    return found;
  }

  private static boolean holdsSecret(String raw, Predicate<String> holdsSecret) {
    return raw != null && !raw.isBlank() && !REFERENCE.matcher(raw.strip()).matches()
        && holdsSecret.test(raw.strip());
  }

  /**
   * Whether {@code key} sets {@code name} in a packaged application: the key itself, or a
   * profile's key ({@code %prod.name}, {@code %staging,prod.name}) of a profile other than
   * {@code dev} and {@code test}.
   */
  static boolean sets(String key, String name) {
    if (key.equals(name)) {
      return true;
    }
    if (!key.startsWith("%") || !key.endsWith("." + name)) {
      return false;
    }
    String profiles = key.substring(1, key.length() - name.length() - 1);
    if (profiles.isEmpty() || profiles.contains(".")) {
      return false;
    }
    for (String profile : profiles.split(",")) {
      if (!UNPACKAGED_PROFILES.contains(profile.strip().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The configuration source reading {@code url}, if the runtime reads it. */
  private static Optional<ConfigSource> sourceOf(Config config, String url) {
    for (ConfigSource source : config.getConfigSources()) {
      String sourceName = source.getName();
      if (sourceName != null && canonical(sourceName).contains(url)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  /**
   * The packaged files on the class path the configuration is read from (the thread's context
   * class loader, as MicroProfile Config implementations find them), and those the configuration
   * sources name if another class loader found them: {@code META-INF/…} files wherever they are,
   * the others inside a jar (a {@code file:} {@code application.properties} may be Quarkus's
   * {@code config/} folder outside the application).
   */
  static List<PackagedFile> packagedFiles(Config config) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = PackagedSecrets.class.getClassLoader();
    }
    List<PackagedFile> onClassPath;
    synchronized (READ) {
      onClassPath = READ.get(loader);
      if (onClassPath == null) {
        onClassPath = read(loader);
        READ.put(loader, onClassPath);
      }
    }
    List<PackagedFile> files = new ArrayList<>(onClassPath);
    for (ConfigSource source : config.getConfigSources()) {
      String sourceName = source.getName();
      Matcher m = sourceName == null ? null : SOURCE_URL.matcher(sourceName);
      if (m == null || !m.find()) {
        continue;
      }
      String url = canonical(m.group(1));
      if ((m.group(2).startsWith("META-INF/") || url.startsWith("jar:"))
          && files.stream().noneMatch(f -> f.url().equals(url))) {
        try {
          files.add(file(new URL(url), m.group(2)));
        } catch (MalformedURLException | UncheckedIOException unreadable) {
          // not a URL this JVM reads: the class path listing above is what counts
        }
      }
    }
    return files;
  }

  private static List<PackagedFile> read(ClassLoader loader) {
    Map<String, PackagedFile> files = new LinkedHashMap<>();
    for (String resource : PACKAGED_FILES) {
      Enumeration<URL> urls;
      try {
        urls = loader.getResources(resource);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + resource + " on the class path", e);
      }
      for (URL url : Collections.list(urls)) {
        files.putIfAbsent(canonical(url.toString()), file(url, resource));
      }
    }
    return List.copyOf(files.values());
  }

  private static PackagedFile file(URL url, String resource) {
    String text = text(url);
    return new PackagedFile(canonical(url.toString()),
        resource.endsWith(".properties") ? properties(text) : PackagedYaml.read(text));
  }

  private static String text(URL url) {
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false); // a cached jar stays open and locked on Windows
      try (InputStream in = connection.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  private static Map<String, String> properties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      return Map.of(); // the runtime refuses a malformed file itself
    }
    Map<String, String> values = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
    return values;
  }

  /** One spelling of a file URL: {@code file:///x} and {@code file:/x} name the same file. */
  private static String canonical(String url) {
    return url.replace("file:///", "file:/");
  }

  /** {@code gatehouse.redis.password} ↔ {@code GATEHOUSE_REDIS_PASSWORD}. */
  static String environmentVariable(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
