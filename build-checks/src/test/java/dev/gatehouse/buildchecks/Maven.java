package dev.gatehouse.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts Maven as the enclosing build was started: the same installation ({@code maven.home}), the
 * same local repository, offline when it is offline. The ITs pass these as system properties
 * (build-checks/pom.xml).
 */
final class Maven {

  /** The Gatehouse checkout: where .mvn/ and the root pom are. */
  static final Path ROOT = Path.of(required("gatehouse.root"));

  record Result(int exitCode, String output) {
  }

  private Maven() {
  }

  /** Runs {@code mvn -B ARGS} in {@code directory} and returns its exit code and output. */
  static Result run(Path directory, Path log, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(required("maven.home"), "bin", "mvn").toString());
    command.add("-B");
    command.add("-Dmaven.repo.local=" + required("gatehouse.local-repository"));
    if ("settings.offline=true".equals(System.getProperty("gatehouse.maven-offline"))) {
      command.add("-o");
    }
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process maven = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!maven.waitFor(10, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " ran for 10 minutes; see " + log);
    }
    return new Result(maven.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property %s (set by build-checks/pom.xml)", property)
        .isNotBlank();
    return value;
  }
}
