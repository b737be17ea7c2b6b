package dev.gatehouse.testkit;

import dev.gatehouse.embedded.EmbeddedServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application in its own JVM, for tests where two instances must share state through Redis —
 * and must not share anything else — or where the packaged application is run as its users run
 * it. Its output (standard error merged in) is read as it comes, kept for {@link #output()}, and
 * watched for the line saying it listens.
 *
 * <pre>{@code
 * try (EmbeddedServerProcess other = EmbeddedServerProcess.start(
 *     List.of(GatehouseRateLimitFeature.class, LoginResource.class), properties)) {
 *   given().port(other.port()).post("/auth/login")...
 * }
 * }</pre>
 */
public final class EmbeddedServerProcess implements AutoCloseable {

  private static final Pattern EMBEDDED_LISTENING =
      Pattern.compile(Pattern.quote(EmbeddedServerMain.PORT_LINE) + "(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Pattern listening;
  /**
   * Every line so far. Not a CopyOnWriteArrayList: that copies the whole list for each line, and
   * a process under load writes tens of thousands of them (80 000 lines, 7 MB, in the example's
   * faults-under-load test: gigabytes copied, and the test JVM's pauses showed in its latencies).
   */
  private final List<String> output = new ArrayList<>();
  private final CountDownLatch listeningOrEnded = new CountDownLatch(1);
  private final Thread reader;
  private volatile int port = -1;

  private EmbeddedServerProcess(Process process, Pattern listening) {
    this.process = process;
    this.listening = listening;
    this.reader = new Thread(this::read, "embedded-server-process-output");
    reader.setDaemon(true);
  }

  /**
   * Serves {@code components} with {@code properties} from an {@link EmbeddedServerMain} in a JVM
   * with this one's class path, and returns once it listens.
   *
   * @throws IllegalStateException with its output when it did not start
   */
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
    EmbeddedServerProcess started = start(new ProcessBuilder(command), EMBEDDED_LISTENING);
    if (!started.isListening()) {
      started.close();
      throw new IllegalStateException("second instance did not start:\n" + started.output());
    }
    return started;
  }

  /**
   * Runs {@code command} and returns once a line of its output matches {@code listening} (found
   * anywhere in the line; its first group is the port), or it ended, or 90 seconds passed — so a
   * test can also watch an application refuse to start.
   */
  public static EmbeddedServerProcess start(ProcessBuilder command, Pattern listening) {
    EmbeddedServerProcess started;
    try {
      started = new EmbeddedServerProcess(command.redirectErrorStream(true).start(), listening);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    started.reader.start();
    try {
      started.listeningOrEnded.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return started;
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(
        process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
        Matcher m = listening.matcher(line);
        if (port < 0 && m.find()) {
          port = Integer.parseInt(m.group(1));
          listeningOrEnded.countDown();
        }
      }
    } catch (IOException ended) {
      // the process ended
    } finally {
      listeningOrEnded.countDown();
    }
  }

  /** Whether it said it listens. */
  public boolean isListening() {
    return port >= 0;
  }

  /** The port it said it listens on. */
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("not listening:\n" + output());
    }
    return port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The operating system's id of the process, for tests that watch it from outside (e.g. its
   * thread count in {@code /proc/<pid>/status}).
   */
  public long pid() {
    return process.pid();
  }

  /** Everything it wrote so far, lines joined with {@code \n}. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /**
   * Waits for it to end by itself and for its last line to be read; its exit code.
   *
   * @throws IllegalStateException when it is still running after {@code timeout}
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("still running:\n" + output());
      }
      reader.join(timeout.toMillis());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
      process.destroyForcibly();
    }
  }
}
