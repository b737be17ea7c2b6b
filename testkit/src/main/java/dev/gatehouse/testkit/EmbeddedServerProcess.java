package dev.gatehouse.testkit;

import dev.gatehouse.embedded.EmbeddedServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second application instance in its own JVM (same class path), for tests where two instances
 * must share state through Redis — and must not share anything else.
 *
 * <pre>{@code
 * try (EmbeddedServerProcess other = EmbeddedServerProcess.start(
 *     List.of(GatehouseRateLimitFeature.class, LoginResource.class), properties)) {
 *   given().port(other.port()).post("/auth/login")...
 * }
 * }</pre>
 */
public final class EmbeddedServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private EmbeddedServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static EmbeddedServerProcess start(List<Class<?>> components,
      Map<String, String> properties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EmbeddedServerMain.class.getName());
    for (Class<?> c : components) {
      command.add("--register");
      command.add(c.getName());
    }
    properties.forEach((k, v) -> {
      command.add("--property");
      command.add(k + "=" + v);
    });
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      StringBuilder log = new StringBuilder();
      String line;
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        if (line.startsWith(EmbeddedServerMain.PORT_LINE)) {
          int port = Integer.parseInt(line.substring(EmbeddedServerMain.PORT_LINE.length()));
          Thread drain = new Thread(() -> {
            try {
              while (out.readLine() != null) {
                // keep the pipe empty so the child never blocks on its own logging
              }
            } catch (IOException ignored) {
              // the child ended
            }
          }, "embedded-server-process-drain");
          drain.setDaemon(true);
          drain.start();
          return new EmbeddedServerProcess(p, port);
        }
        log.append(line).append('\n');
      }
      p.destroyForcibly();
      throw new IllegalStateException("second instance did not start:\n" + log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
