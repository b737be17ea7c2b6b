package dev.gatehouse.compat.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs a WildFly distribution ({@code bin/standalone.sh -c standalone-microprofile.xml}) for
 * tests, with JDK APIs only.
 *
 * <ul>
 *   <li>{@link #unpack(Path, Path)} unzips the distribution once (a marker file makes later calls
 *       free; concurrent JVMs are serialised by a file lock; the zip is extracted next to the
 *       target and renamed into place, so a half-extracted tree is never used).</li>
 *   <li>{@link #start(Path, Path, Options)} gives each server its own base directory (a copy of
 *       {@code standalone/}, with the deployment scanner polling every 200 ms instead of 5 s),
 *       binds public and management interfaces to 127.0.0.1 and moves <em>every</em> socket
 *       binding (http, https, ajp, management-http/https, txn-recovery-environment,
 *       txn-status-manager) with {@code jboss.socket.binding.port-offset}. The offset is random
 *       below the Linux ephemeral range, checked free on all seven ports, reserved against other
 *       JVMs with a lock file, and start-up is retried with another offset if a port was taken
 *       in the meantime.</li>
 *   <li>{@link #deploy(Path, Duration)} uses the deployment scanner with marker files
 *       ({@code .dodeploy} → {@code .deployed} or {@code .failed}); the {@code .failed} file holds
 *       the management failure description. Start and deploy waits poll (50 ms); no fixed
 *       sleeps.</li>
 *   <li>{@link #close()} sends SIGTERM to the server JVM (graceful shutdown), waits, then kills
 *       the JVM, the launcher script and any other descendant. A shutdown hook does the same on
 *       JVM exit; a pid file lets the next start in the same base directory kill a server left
 *       behind by a JVM that was killed with SIGKILL.</li>
 * </ul>
 */
public final class WildFlyServer implements AutoCloseable {

  /** Default socket-binding ports of standalone-microprofile.xml (all of them). */
  private static final int[] DEFAULT_PORTS = {8009, 8080, 8443, 9990, 9993, 4712, 4713};
  private static final int HTTP = 8080;
  private static final int MANAGEMENT_HTTP = 9990;
  /** Keep every port below 32768 (Linux ephemeral range starts there) and above 1024. */
  private static final int MAX_OFFSET = 32767 - 9993;
  private static final int MIN_OFFSET = 100;
  private static final Duration POLL = Duration.ofMillis(50);
  /** Runs "$@" (standalone.sh ...) and TERMs it when the launching JVM is gone. */
  private static final String WATCHDOG = String.join("\n",
      "\"$@\" &",
      "child=$!",
      "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP",
      "while kill -0 \"$WILDFLY_WATCHDOG_PID\" 2>/dev/null && kill -0 $child 2>/dev/null; do",
      "  sleep 1 & wait $!",
      "done",
      "kill -TERM $child 2>/dev/null",
      "wait $child");

  /** Start-up settings. */
  public static final class Options {
    String config = "standalone-microprofile.xml";
    Duration startTimeout = Duration.ofMinutes(3);
    Duration stopTimeout = Duration.ofSeconds(30);
    String javaOpts;
    final List<String> serverArgs = new ArrayList<>();
    final Map<String, String> env = new java.util.LinkedHashMap<>();
    int startAttempts = 3;
    long scanIntervalMillis = 200;
    boolean rollbackOnFailure = true;
    boolean watchdog = true;
    java.util.function.UnaryOperator<String> configEdit = x -> x;

    public Options config(String c) { config = c; return this; }
    public Options startTimeout(Duration d) { startTimeout = d; return this; }
    public Options stopTimeout(Duration d) { stopTimeout = d; return this; }
    /** Replaces WildFly's default JAVA_OPTS ({@code -Xms64m -Xmx512m ...}) when set. */
    public Options javaOpts(String o) { javaOpts = o; return this; }
    /** Extra arguments for standalone.sh, e.g. {@code -Dfoo=bar}. */
    public Options arg(String a) { serverArgs.add(a); return this; }
    public Options env(String k, String v) { env.put(k, v); return this; }
    public Options startAttempts(int n) { startAttempts = n; return this; }
    public Options scanIntervalMillis(long ms) { scanIntervalMillis = ms; return this; }
    /**
     * Whether a deployment that fails at runtime is rolled back (removed) — default true, so a
     * failed WAR never lingers in the model as "FAILED" (WildFly's own default is false, and then
     * it even logs WFLYSRV0010 "Deployed" for a failed deployment). The .failed marker and its
     * text are written either way.
     */
    public Options rollbackOnFailure(boolean b) { rollbackOnFailure = b; return this; }
    /**
     * Whether a small bash loop between this JVM and standalone.sh stops the server when this JVM
     * disappears without running shutdown hooks (SIGKILL, e.g. a surefire fork killed on timeout).
     * Default true; it checks once a second.
     */
    public Options watchdog(boolean b) { watchdog = b; return this; }
    /** Edits the server configuration XML (e.g. add a logger category) before start. */
    public Options configEdit(java.util.function.UnaryOperator<String> edit) {
      configEdit = edit; return this;
    }
  }

  /** The outcome of one deployment. */
  public record Deployment(String name, boolean failed, String failureText, Duration took,
      String logDuringDeploy) {
    public boolean succeeded() { return !failed; }
  }

  /** Timings measured by the static helpers of the last call in this JVM (null if skipped). */
  public static volatile Duration lastUnpackTime;

  private final Path home;
  private final Path base;
  private final int offset;
  private final Process script;
  private final ProcessHandle serverJvm;
  private final FileLock portLock;
  private final FileChannel portLockChannel;
  private final Thread shutdownHook;
  private final Options options;
  private final Duration startTime;
  private volatile boolean stopped;
  private Duration stopTime;

  private WildFlyServer(Path home, Path base, int offset, Process script, ProcessHandle serverJvm,
      FileChannel lockChannel, FileLock portLock, Thread hook, Options options,
      Duration startTime) {
    this.home = home;
    this.base = base;
    this.offset = offset;
    this.script = script;
    this.serverJvm = serverJvm;
    this.portLockChannel = lockChannel;
    this.portLock = portLock;
    this.shutdownHook = hook;
    this.options = options;
    this.startTime = startTime;
  }

  // ------------------------------------------------------------------------------------------
  // Unpacking

  /**
   * Unpacks {@code zip} into {@code targetDir} (if not done yet) and returns the WildFly home
   * (the single top-level directory of the zip, e.g. {@code targetDir/wildfly-39.0.1.Final}).
   * The time taken is in {@link #lastUnpackTime} (null when it was already unpacked).
   */
  public static Path unpack(Path zip, Path targetDir) {
    try {
      Files.createDirectories(targetDir);
      Path marker = targetDir.resolve(".unpacked-" + zip.getFileName());
      try (FileChannel ch = FileChannel.open(targetDir.resolve(".unpack.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        if (Files.isRegularFile(marker)) {
          lastUnpackTime = null;
          return targetDir.resolve(Files.readString(marker).trim());
        }
        long t0 = System.nanoTime();
        Path staging = Files.createTempDirectory(targetDir, ".staging-");
        String top = null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
          Enumeration<? extends ZipEntry> entries = z.entries();
          byte[] buf = new byte[1 << 16];
          while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            Path out = staging.resolve(e.getName()).normalize();
            if (!out.startsWith(staging)) {
              throw new IOException("zip entry outside target: " + e.getName());
            }
            String first = e.getName().split("/", 2)[0];
            if (top == null) {
              top = first;
            } else if (!top.equals(first)) {
              throw new IOException("zip has more than one top-level directory: " + first);
            }
            if (e.isDirectory()) {
              Files.createDirectories(out);
              continue;
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = z.getInputStream(e);
                var os = Files.newOutputStream(out)) {
              int n;
              while ((n = in.read(buf)) > 0) {
                os.write(buf, 0, n);
              }
            }
            // java.util.zip does not expose unix modes; the launch scripts need +x.
            if (e.getName().endsWith(".sh")) {
              out.toFile().setExecutable(true, false);
            }
          }
        }
        Objects.requireNonNull(top, "empty zip");
        Path dest = targetDir.resolve(top);
        if (Files.exists(dest)) {
          deleteTree(dest); // a previous, interrupted attempt (no marker)
        }
        Files.move(staging.resolve(top), dest, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(staging);
        Files.writeString(marker, top);
        lastUnpackTime = Duration.ofNanos(System.nanoTime() - t0);
        return dest;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ~/.m2/repository/org/wildfly/wildfly-dist/V/wildfly-dist-V.zip}. */
  public static Path distributionInLocalRepository(String version) {
    return Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "wildfly",
        "wildfly-dist", version, "wildfly-dist-" + version + ".zip");
  }

  // ------------------------------------------------------------------------------------------
  // Starting

  /** Starts with default {@link Options}. */
  public static WildFlyServer start(Path home, Path baseDir) {
    return start(home, baseDir, new Options());
  }

  /**
   * Starts a server from the unpacked distribution {@code home}, with {@code baseDir} as its own
   * {@code jboss.server.base.dir} (recreated from {@code home/standalone}). Returns when the
   * server logged WFLYSRV0025 (started); throws if it logged WFLYSRV0026 (started with errors),
   * exited, or did not start within the timeout.
   */
  public static WildFlyServer start(Path home, Path baseDir, Options options) {
    try {
      killLeftover(baseDir);
      IllegalStateException last = null;
      for (int attempt = 1; attempt <= options.startAttempts; attempt++) {
        prepareBaseDir(home, baseDir, options);
        Reservation r = reservePortOffset();
        try {
          return launch(home, baseDir, options, r);
        } catch (PortInUse e) {
          last = e;
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class PortInUse extends IllegalStateException {
    PortInUse(String m) { super(m); }
  }

  private record Reservation(int offset, FileChannel channel, FileLock lock) {
    void release() {
      try {
        lock.release();
        channel.close();
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  private static WildFlyServer launch(Path home, Path base, Options options, Reservation r)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (options.watchdog) {
      cmd.add("bash");
      cmd.add("-c");
      cmd.add(WATCHDOG);
      cmd.add("wildfly-watchdog");
    }
    cmd.add(home.resolve("bin/standalone.sh").toString());
    cmd.add("-c");
    cmd.add(options.config);
    cmd.add("-Djboss.server.base.dir=" + base);
    cmd.add("-Djboss.socket.binding.port-offset=" + r.offset());
    cmd.add("-Djboss.bind.address=127.0.0.1");
    cmd.add("-Djboss.bind.address.management=127.0.0.1");
    cmd.add("-Djboss.deployment.scanner.rollback.on.failure=" + options.rollbackOnFailure);
    cmd.addAll(options.serverArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(base.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("JBOSS_") || k.equals("JAVA_OPTS")
        || k.equals("SERVER_OPTS"));
    env.put("JBOSS_HOME", home.toString());
    env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
    env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1"); // the script forwards SIGTERM to the JVM
    env.put("WILDFLY_WATCHDOG_PID", Long.toString(ProcessHandle.current().pid()));
    env.put("JBOSS_PIDFILE", base.resolve("server.pid").toString());
    if (options.javaOpts != null) {
      env.put("JAVA_OPTS", options.javaOpts);
    }
    env.putAll(options.env);
    Path console = base.resolve("console.log");
    pb.redirectErrorStream(true).redirectOutput(console.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));

    long t0 = System.nanoTime();
    Process script = pb.start();
    Thread hook = new Thread(() -> kill(script.toHandle(), null, Duration.ofSeconds(10)),
        "wildfly-stop-" + r.offset());
    Runtime.getRuntime().addShutdownHook(hook);
    Path log = base.resolve("log/server.log");
    long deadline = System.nanoTime() + options.startTimeout.toNanos();
    ProcessHandle jvm = null;
    try {
      while (true) {
        if (jvm == null) {
          jvm = findServerJvm(script.toHandle(), base).orElse(null);
          if (jvm != null) {
            Files.writeString(base.resolve("launcher.pid"), Long.toString(jvm.pid()));
          }
        }
        String text = read(log);
        if (text.contains("WFLYSRV0025:")) {
          Duration took = Duration.ofNanos(System.nanoTime() - t0);
          return new WildFlyServer(home, base, r.offset(), script,
              jvm != null ? jvm : findServerJvm(script.toHandle(), base).orElse(null),
              r.channel(), r.lock(), hook, options, took);
        }
        boolean portProblem = text.contains("Address already in use")
            || read(console).contains("Address already in use");
        if (portProblem || text.contains("WFLYSRV0026:") || !script.isAlive()
            || System.nanoTime() > deadline) {
          String why = portProblem ? "a port was taken (offset " + r.offset() + ")"
              : text.contains("WFLYSRV0026:") ? "started with errors (WFLYSRV0026)"
              : !script.isAlive() ? "the server process exited with " + script.exitValue()
              : "no WFLYSRV0025 within " + options.startTimeout;
          kill(script.toHandle(), jvm, options.stopTimeout);
          Runtime.getRuntime().removeShutdownHook(hook);
          r.release();
          String msg = "WildFly did not start: " + why + "\n--- server.log ---\n" + tail(text)
              + "\n--- console ---\n" + tail(read(console));
          throw portProblem ? new PortInUse(msg) : new IllegalStateException(msg);
        }
        sleep(POLL);
      }
    } catch (RuntimeException | IOException e) {
      if (script.isAlive()) {
        kill(script.toHandle(), jvm, options.stopTimeout);
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
          // already shutting down
        }
        r.release();
      }
      throw e;
    }
  }

  private static void prepareBaseDir(Path home, Path base, Options options) throws IOException {
    if (Files.exists(base)) {
      deleteTree(base);
    }
    Path src = home.resolve("standalone");
    Files.walkFileTree(src, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
        Files.createDirectories(base.resolve(src.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        Files.copy(file, base.resolve(src.relativize(file).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
    Path cfg = base.resolve("configuration").resolve(options.config);
    String xml = Files.readString(cfg);
    String faster = xml.replaceFirst("scan-interval=\"\\d+\"",
        "scan-interval=\"" + options.scanIntervalMillis + "\"");
    Files.writeString(cfg, options.configEdit.apply(faster));
  }

  /** Test seam: the next reservation uses this offset without checking the ports. */
  static volatile int forceNextOffsetUnchecked = -1;

  /** A random offset whose seven ports are all free on 127.0.0.1, locked against other JVMs. */
  private static Reservation reservePortOffset() throws IOException {
    Path lockDir = Path.of(System.getProperty("java.io.tmpdir"), "wildfly-test-ports");
    Files.createDirectories(lockDir);
    int forced = forceNextOffsetUnchecked;
    if (forced >= 0) {
      forceNextOffsetUnchecked = -1;
      FileChannel ch = FileChannel.open(lockDir.resolve(forced + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new Reservation(forced, ch, ch.lock());
    }
    for (int i = 0; i < 200; i++) {
      int offset = ThreadLocalRandom.current().nextInt(MIN_OFFSET, MAX_OFFSET);
      FileChannel ch = FileChannel.open(lockDir.resolve(offset + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it
      }
      if (lock == null) {
        ch.close();
        continue;
      }
      boolean free = true;
      for (int p : DEFAULT_PORTS) {
        if (!isFree(p + offset)) {
          free = false;
          break;
        }
      }
      if (free) {
        return new Reservation(offset, ch, lock);
      }
      lock.release();
      ch.close();
    }
    throw new IllegalStateException("no free port offset found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The java process (child of the script) whose command line names our base directory. */
  private static Optional<ProcessHandle> findServerJvm(ProcessHandle script, Path base) {
    return script.descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a))
            .map(a -> a.contains("jboss-modules.jar") && a.contains(base.toString()))
            .orElse(false))
        .findFirst();
  }

  /** A server JVM left behind in this base directory by a killed test JVM. */
  private static void killLeftover(Path base) {
    Path pidFile = base.resolve("launcher.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid)
          .filter(p -> p.info().arguments()
              .map(a -> String.join(" ", a).contains("-Djboss.server.base.dir=" + base))
              .orElse(false))
          .ifPresent(p -> kill(p, null, Duration.ofSeconds(20)));
    } catch (IOException | NumberFormatException ignored) {
      // nothing to clean
    }
  }

  // ------------------------------------------------------------------------------------------
  // Deploying

  /**
   * Copies {@code war} into the deployments directory under its file name, writes the
   * {@code .dodeploy} marker and waits for {@code .deployed} or {@code .failed}. A deployment of
   * the same name is undeployed first. Throws only on timeout; a failure is in the result.
   */
  public Deployment deploy(Path war, Duration timeout) {
    return deploy(war, war.getFileName().toString(), timeout);
  }

  public Deployment deploy(Path war, String name, Duration timeout) {
    try {
      Path dir = base.resolve("deployments");
      if (Files.exists(dir.resolve(name + ".deployed"))) {
        undeploy(name, timeout);
      }
      for (String suffix : new String[] {".failed", ".undeployed", ".skipdeploy", ".pending",
          ".isdeploying", ".isundeploying", ".dodeploy"}) {
        Files.deleteIfExists(dir.resolve(name + suffix));
      }
      int logStart = read(logFile()).length();
      long t0 = System.nanoTime();
      Path tmp = base.resolve("tmp").resolve(name + ".copying");
      Files.createDirectories(tmp.getParent());
      Files.copy(war, tmp, StandardCopyOption.REPLACE_EXISTING);
      try {
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.createFile(dir.resolve(name + ".dodeploy"));
      } catch (FileAlreadyExistsException ignored) {
        // fine
      }
      Path ok = dir.resolve(name + ".deployed");
      Path failed = dir.resolve(name + ".failed");
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        if (Files.exists(failed)) {
          String text = Files.readString(failed);
          return new Deployment(name, true, text, Duration.ofNanos(System.nanoTime() - t0),
              since(logStart));
        }
        if (Files.exists(ok) && !Files.exists(dir.resolve(name + ".dodeploy"))) {
          return new Deployment(name, false, null, Duration.ofNanos(System.nanoTime() - t0),
              since(logStart));
        }
        if (!isAlive()) {
          throw new IllegalStateException("server died while deploying " + name);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(new TimeoutException(
              name + " neither deployed nor failed within " + timeout + "\n" + since(logStart)));
        }
        sleep(POLL);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the {@code .deployed} marker and waits for {@code .undeployed}. */
  public Duration undeploy(String name, Duration timeout) {
    try {
      Path dir = base.resolve("deployments");
      long t0 = System.nanoTime();
      Files.deleteIfExists(dir.resolve(name + ".undeployed"));
      if (!Files.deleteIfExists(dir.resolve(name + ".deployed"))) {
        // never deployed, or failed (rolled back by default): only files to remove. With
        // rollbackOnFailure(false) a failed deployment stays registered until its content file
        // is removed, which the scanner then undeploys.
        Files.deleteIfExists(dir.resolve(name));
        Files.deleteIfExists(dir.resolve(name + ".failed"));
        return Duration.ZERO;
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!Files.exists(dir.resolve(name + ".undeployed"))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("undeploy of " + name + " took over " + timeout);
        }
        sleep(POLL);
      }
      Files.deleteIfExists(dir.resolve(name));
      Files.deleteIfExists(dir.resolve(name + ".undeployed"));
      return Duration.ofNanos(System.nanoTime() - t0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Accessors

  /** {@code http://127.0.0.1:<port>/}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + httpPort() + "/");
  }

  /** {@code http://127.0.0.1:<port>/<context>/} for a WAR deployed as {@code <context>.war}. */
  public URI baseUri(String context) {
    return baseUri().resolve(context.endsWith("/") ? context : context + "/");
  }

  public int httpPort() { return HTTP + offset; }
  public int httpsPort() { return 8443 + offset; }
  public int managementHttpPort() { return MANAGEMENT_HTTP + offset; }
  public int portOffset() { return offset; }
  public Path baseDir() { return base; }
  public Path home() { return home; }
  public Path logFile() { return base.resolve("log/server.log"); }
  public Duration startTime() { return startTime; }
  public Duration stopTime() { return stopTime; }
  public long serverPid() { return serverJvm == null ? -1 : serverJvm.pid(); }

  /** The whole server.log of this run. */
  public String log() {
    return read(logFile());
  }

  /** What standalone.sh and the console handler printed. */
  public String console() {
    return read(base.resolve("console.log"));
  }

  public boolean isAlive() {
    return script.isAlive() && (serverJvm == null || serverJvm.isAlive());
  }

  /** Whether something accepts connections on the HTTP port. */
  public boolean httpReachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", httpPort()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Stopping

  /** SIGTERM (graceful), then SIGKILL after the stop timeout; idempotent. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    long t0 = System.nanoTime();
    kill(script.toHandle(), serverJvm, options.stopTimeout);
    stopTime = Duration.ofNanos(System.nanoTime() - t0);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // JVM already exiting; the hook does the same
    }
    try {
      portLock.release();
      portLockChannel.close();
      Files.deleteIfExists(base.resolve("launcher.pid"));
    } catch (IOException ignored) {
      // best effort
    }
  }

  public void stop() {
    close();
  }

  private static void kill(ProcessHandle script, ProcessHandle jvm, Duration timeout) {
    List<ProcessHandle> all = new ArrayList<>();
    if (jvm != null) {
      all.add(jvm);
    }
    script.descendants().forEach(p -> {
      if (!all.contains(p)) {
        all.add(p);
      }
    });
    all.add(script);
    // the JVM first (graceful shutdown hooks run); the script forwards TERM as well
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      try {
        p.onExit().get(Math.max(1, left), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (Exception notYet) {
        // fall through to the forcible kill
      }
    }
    all.forEach(p -> {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    });
  }

  // ------------------------------------------------------------------------------------------
  // Helpers

  private String since(int offsetInLog) {
    String t = read(logFile());
    return offsetInLog <= t.length() ? t.substring(offsetInLog) : t;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(String s) {
    return s.length() <= 8000 ? s : "..." + s.substring(s.length() - 8000);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        Files.delete(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
