package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * One {@code redis-server} process (a node or, with {@code --sentinel}, a sentinel) that a
 * harness owns: its redis.conf and log in the harness's temporary directory, started, killed with
 * SIGKILL (what a crash looks like to the others) and started again on the same port and config.
 *
 * <p>Every process and directory is also remembered for a JVM shutdown hook, so a test run that
 * ends without {@code afterAll} (a failed {@code beforeAll}, Ctrl-C) leaves no redis-server behind.
 * Only a JVM killed with SIGKILL can escape that.
 */
final class RedisProcess {

  static final String HOST = "127.0.0.1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
  private static final int CLIENT_TIMEOUT_MILLIS = 2_000;
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Set<Path> DIRS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(RedisProcess::cleanUpAll, "redis-harness-cleanup"));
  }

  private final String name;
  private final int port;
  private final boolean sentinel;
  private final Path conf;
  private final Path log;
  private Process process;

  private RedisProcess(String name, int port, boolean sentinel, Path conf, Path log) {
    this.name = name;
    this.port = port;
    this.sentinel = sentinel;
    this.conf = conf;
    this.log = log;
  }

  /**
   * Writes {@code <dir>/<name>.conf} (port, loopback bind, the directory, then {@code lines}) and
   * starts the process; returns once it answers PING.
   */
  static RedisProcess start(Path dir, String name, int port, boolean sentinel, List<String> lines) {
    List<String> all = new ArrayList<>(List.of(
        "port " + port,
        "bind " + HOST,
        "daemonize no",
        "dir " + dir,
        "logfile \"\""));
    all.addAll(lines);
    Path conf = dir.resolve(name + ".conf");
    try {
      Files.write(conf, all, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisProcess p = new RedisProcess(name, port, sentinel, conf, dir.resolve(name + ".log"));
    p.start();
    return p;
  }

  /**
   * Starts it again after {@link #kill()}, on the same port and with its (possibly rewritten)
   * config, followed by {@code options} ({@code "--replicaof", host, port}) for this run only.
   */
  synchronized void start(String... options) {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " on port " + port + " is already running");
    }
    List<String> command = new ArrayList<>(List.of(RedisBinary.path().toString(), conf.toString()));
    if (sentinel) {
      command.add("--sentinel");
    }
    command.addAll(List.of(options));
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + RedisBinary.path() + " did not start", e);
    }
    LIVE.add(process);
    Process started = process;
    BoundedPoll.until(START_TIMEOUT, name + " on port " + port + " answering PING", () -> {
      if (!started.isAlive()) {
        throw new BoundedPoll.GiveUp(name + " exited with " + started.exitValue() + "; its log:\n"
            + logTail());
      }
      try (Jedis jedis = client()) {
        return Optional.of(jedis.ping());
      }
    });
  }

  /**
   * SIGKILL, no shutdown: the others see what a crash or a pulled cable looks like. Returns once
   * the process has exited, so its port refuses connections.
   */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs "
            + EXIT_TIMEOUT.toSeconds() + " s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " exited", e);
    }
    LIVE.remove(process);
    process = null;
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  int port() {
    return port;
  }

  String address() {
    return HOST + ":" + port;
  }

  /** A new connection; the caller closes it. */
  Jedis client() {
    return new Jedis(HOST, port, CLIENT_TIMEOUT_MILLIS);
  }

  /** The {@code key:value} lines of an INFO or CLUSTER INFO answer. */
  static Map<String, String> fields(String info) {
    Map<String, String> fields = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public String toString() {
    return name + "@" + address();
  }

  /** A temporary directory for one harness's configs, logs and cluster state. */
  static Path newDirectory(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteDirectory(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
    DIRS.remove(dir);
  }

  /**
   * A free loopback port, chosen at random below 55536 when {@code withBusPort}: a cluster node
   * also listens on port + 10000 (Redis 6.2 has no {@code cluster-port}), which must be free too.
   */
  static int freePort(boolean withBusPort, Set<Integer> taken) {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = withBusPort ? ThreadLocalRandom.current().nextInt(20_000, 55_536) : bindable(0);
      if (port > 0 && !taken.contains(port) && (!withBusPort
          || bindable(port) == port && bindable(port + 10_000) == port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port found in 1000 attempts");
  }

  private static int bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException inUse) {
      return -1;
    }
  }

  private static void cleanUpAll() {
    LIVE.forEach(Process::destroyForcibly);
    for (Path dir : DIRS) {
      try {
        deleteDirectory(dir);
      } catch (RuntimeException ignored) {
        // best effort at JVM exit: a process may still hold a file for a moment
      }
    }
  }
}
