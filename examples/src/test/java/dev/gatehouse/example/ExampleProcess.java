package dev.gatehouse.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The built jar, run as the README says ({@code java -jar}), with the given environment. */
final class ExampleProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "gatehouse-example.jar");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  final int port;

  private ExampleProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the jar and waits until it listens (or exits). */
  static ExampleProcess start(Map<String, String> env) {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the package phase first");
    }
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", JAR.toString()).redirectErrorStream(true);
    pb.environment().put("PORT", String.valueOf(port));
    pb.environment().put("HOST", "127.0.0.1");
    pb.environment().putAll(env);
    try {
      ExampleProcess p = new ExampleProcess(pb.start(), port);
      p.pump();
      p.awaitStart();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pump() {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "example-output");
    t.setDaemon(true);
    t.start();
  }

  private void awaitStart() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (output.stream().anyMatch(l -> l.contains("Gatehouse example listening on"))
          || !process.isAlive()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Waits for the process to end by itself; its exit code. */
  int awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("still running:\n" + String.join("\n", output));
      }
      Thread.sleep(200); // let the pump read the last lines
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  String output() {
    return String.join("\n", output);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
