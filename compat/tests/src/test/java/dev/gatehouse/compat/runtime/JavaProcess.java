package dev.gatehouse.compat.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A runtime in a child JVM ({@code java ... -jar app.jar}), its output in a log file. Waits poll a
 * condition (an HTTP answer, the process's end) until a deadline; nothing sleeps a fixed time. The
 * process is stopped by {@link #close()}, and by a shutdown hook if the test JVM ends first.
 */
final class JavaProcess implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Process process;
  private final Path log;
  private final Thread hook;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.hook = new Thread(this::stop, "stop " + log.getFileName());
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts {@code java <jvmArgs> -jar <jar>} with {@code env} added to this JVM's environment. */
  static JavaProcess start(Path jar, List<String> jvmArgs, Map<String, String> env, Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the module that makes it first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).directory(jar.getParent().toFile());
      pb.environment().putAll(env);
      return new JavaProcess(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until {@code probe} answers 200.
   *
   * @throws IllegalStateException with the log when the process ends or the deadline passes
   */
  void awaitReady(URI probe, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the runtime exited with " + process.exitValue()
            + " before answering " + probe + ":\n" + log());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(probe)
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new IllegalStateException("no answer from " + probe + " within " + timeout + ":\n"
        + log());
  }

  /** Waits for the process to end on its own; its exit code, or -1 past the deadline. */
  int awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis()); // the poll interval of a bounded wait on a condition
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
