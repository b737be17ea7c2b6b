package dev.gatehouse.example;

import dev.gatehouse.testkit.EmbeddedServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/** The built jar, run as the README says ({@code java -jar}), with the given environment. */
final class ExampleProcess {

  static final Path JAR = Path.of("target", "gatehouse-example.jar");

  /** The line {@link Main} logs once it listens, with the port it was given or picked. */
  private static final Pattern LISTENING =
      Pattern.compile("Gatehouse example listening on \\S+:(\\d+)");

  private ExampleProcess() {
  }

  /**
   * Starts the jar on a free loopback port and returns once it listens, or once it ended (an
   * unsafe setting stops it).
   */
  static EmbeddedServerProcess start(Map<String, String> env) {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the package phase first");
    }
    ProcessBuilder jar = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-jar", JAR.toString());
    jar.environment().put("PORT", "0");
    jar.environment().put("HOST", "127.0.0.1");
    jar.environment().putAll(env);
    return EmbeddedServerProcess.start(jar, LISTENING);
  }

  /**
   * Puts in {@code env} one database several instances can share: the one named by this JVM's
   * {@code EXAMPLE_DB_URL} (with {@code EXAMPLE_DB_USER} and {@code EXAMPLE_DB_PASSWORD}) when it
   * is set, else an H2 file each instance opens with {@code AUTO_SERVER}, in a new folder.
   *
   * @return the H2 folder, for {@link #deleteSharedDatabase}, or null for the configured database
   */
  static Path shareDatabase(Map<String, String> env, String name) throws IOException {
    for (String v : new String[] {"EXAMPLE_DB_URL", "EXAMPLE_DB_USER", "EXAMPLE_DB_PASSWORD"}) {
      String value = System.getenv(v);
      if (value != null && !value.isBlank()) {
        env.put(v, value);
      }
    }
    if (env.containsKey("EXAMPLE_DB_URL")) {
      return null;
    }
    Path h2 = Files.createTempDirectory("gatehouse-" + name + "-db");
    env.put("EXAMPLE_DB_URL", "jdbc:h2:file:" + h2.resolve("notes") + ";AUTO_SERVER=TRUE");
    env.put("EXAMPLE_DB_USER", "sa");
    return h2;
  }

  /** Deletes the H2 folder {@link #shareDatabase} made, if it made one. */
  static void deleteSharedDatabase(Path h2) throws IOException {
    if (h2 == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(h2)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
