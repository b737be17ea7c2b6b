package dev.gatehouse.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisException;
import redis.embedded.core.ExecutableProvider;

/**
 * A {@code redis-server} this test starts itself, from the binary the embedded-redis artifact
 * ships, so that it can do what {@link dev.gatehouse.testkit.RedisTestServer} cannot: pause the
 * process ({@code SIGSTOP}: connections are accepted by the kernel and then hang), stop it and wait
 * until it is gone, start it again empty on the same port, and make it sleep
 * ({@code DEBUG SLEEP}; Redis 7 refuses {@code DEBUG} unless started with
 * {@code --enable-debug-command local}, which is passed when the binary is 7 or later). It
 * persists as production Redis should (append-only file in a directory of its own), so
 * {@link #start()} after {@link #stop()} brings the data back and {@link #startEmpty()} does not.
 * An external Redis ({@code GATEHOUSE_TEST_REDIS_URL}) is never used, since it must not be paused
 * or stopped.
 */
final class OwnRedis implements AutoCloseable {

  private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path binary;
  private final int port;
  private final Path log;
  private final Path data;
  private Process process;

  private OwnRedis(Path binary, int port, Path log, Path data) {
    this.binary = binary;
    this.port = port;
    this.log = log;
    this.data = data;
  }

  /** Starts one on a free loopback port, its output appended to {@code log}. */
  static OwnRedis start(Path log) {
    Path binary;
    try {
      binary = ExecutableProvider.newJarResourceProvider().get().toPath();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded-redis artifact has no redis-server here", e);
    }
    Path data;
    try {
      data = Files.createTempDirectory("gatehouse-faults-redis");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OwnRedis redis = new OwnRedis(binary, freePort(), log, data);
    redis.start();
    return redis;
  }

  /** Starts on the same port with the data it had, and returns once it answers {@code PING}. */
  synchronized void start() {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--port",
        String.valueOf(port), "--bind", "127.0.0.1", "--dir", data.toString(), "--save", "",
        "--appendonly", "yes"));
    if (majorVersion() >= 7) {
      command.addAll(List.of("--enable-debug-command", "local"));
    }
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Poll.until(START_TIMEOUT, () -> "redis-server answering on port " + port + " (see " + log
        + ")", () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("redis-server ended (see " + log + ")");
          }
          try (Jedis admin = admin()) {
            return "PONG".equals(admin.ping());
          } catch (JedisException notYet) {
            return false;
          }
        });
  }

  private int majorVersion() {
    try {
      Process v = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true)
          .start();
      String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      v.waitFor(10, TimeUnit.SECONDS);
      Matcher m = VERSION.matcher(out);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** A connection of the test's own, named {@code test-admin}, outside Gatehouse's pool. */
  Jedis admin() {
    Jedis jedis = new Jedis("127.0.0.1", port, 5_000);
    jedis.clientSetname("test-admin");
    return jedis;
  }

  /** {@code SIGSTOP}: the process stays, its sockets accept, nothing answers. */
  void pause() {
    signal("STOP", 'T');
  }

  /** {@code SIGCONT}. */
  void resume() {
    signal("CONT", 'S', 'R');
  }

  /** Sends the signal with {@code kill} and waits until {@code /proc} shows one of the states. */
  private void signal(String name, char... states) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
      }
      Poll.until(Duration.ofSeconds(10), () -> "redis-server " + pid() + " in state "
          + new String(states) + " after kill -" + name, () -> ProcStatus.of(pid())
          .inState(states));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Blocks Redis for {@code seconds} with {@code DEBUG SLEEP}, on the calling thread: returns when
   * the sleep is over.
   */
  void sleep(double seconds) {
    try (Jedis admin = new Jedis("127.0.0.1", port, (int) (seconds * 1000) + 30_000)) {
      ProtocolCommand debug = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);
      admin.sendCommand(debug, "SLEEP", String.valueOf(seconds));
    }
  }

  /** Starts on the same port without the data it had: a Redis replaced, or persisting nothing. */
  synchronized void startEmpty() {
    deleteData();
    start();
  }

  private void deleteData() {
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).filter(f -> !f.equals(data)).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops it and returns once the process is gone (a paused one is resumed first). */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    try {
      if (process.isAlive() && ProcStatus.of(pid()).inState('T')) {
        resume();
      }
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    if (process.isAlive()) {
      throw new IllegalStateException("redis-server " + pid() + " did not end");
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
    deleteData();
    try {
      Files.deleteIfExists(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
