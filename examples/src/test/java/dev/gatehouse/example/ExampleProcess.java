package dev.gatehouse.example;

import dev.gatehouse.testkit.EmbeddedServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
