package dev.gatehouse.compat.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A built Quarkus application ({@code target/quarkus-app/quarkus-run.jar}) run for the suite. */
final class QuarkusApps {

  private static final Duration START = Duration.ofSeconds(90);

  private QuarkusApps() {
  }

  static Map<String, String> environment(Tokens tokens) {
    return Map.of("GATEHOUSE_JWT_ISSUER", Tokens.ISSUER,
        "GATEHOUSE_JWT_AUDIENCE", Tokens.AUDIENCE,
        "GATEHOUSE_JWT_SECRET", tokens.secretBase64());
  }

  /** Starts the application built by {@code property}'s module and waits until it answers. */
  static RuntimeUnderTest start(String property, Tokens tokens) {
    return start(property, environment(tokens), property + ".log");
  }

  /**
   * Starts the application built by {@code property}'s module with {@code env} as its settings,
   * its output in {@code logName} under {@link #work()}, and waits until it answers.
   */
  static RuntimeUnderTest start(String property, Map<String, String> env, String logName) {
    int port = Ports.free();
    Path jar = Path.of(System.getProperty(property));
    JavaProcess process = JavaProcess.start(jar, List.of("-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port), env, work().resolve(logName));
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    try {
      process.awaitReady(base.resolve("public"), START);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return RuntimeUnderTest.of(base, process::log, process::close);
  }

  /** Starts the application built by {@code property}'s module, expecting it to exit. */
  static String refusal(String property, Tokens tokens) {
    return refusal(property, tokens, Map.of());
  }

  /** {@link #refusal(String, Tokens)} with more environment variables. */
  static String refusal(String property, Tokens tokens, Map<String, String> more) {
    Path jar = Path.of(System.getProperty(property));
    Map<String, String> env = new java.util.HashMap<>(environment(tokens));
    env.putAll(more);
    try (JavaProcess process = JavaProcess.start(jar, List.of("-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + Ports.free()), env,
        work().resolve(property + ".log"))) {
      int exit = process.awaitExit(START);
      if (exit == 0 || exit == -1) {
        throw new AssertionError("expected the application to refuse to start, but exit was "
            + exit + ":\n" + process.log());
      }
      return process.log();
    }
  }

  static Path work() {
    return Path.of(System.getProperty("compat.work", "target/runtime-work"));
  }
}
