package dev.gatehouse.compat.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one WAR on Payara Micro ({@code java -jar payara-micro.jar}) in a child JVM, for tests.
 * JDK APIs only.
 *
 * <ul>
 *   <li>the WAR is deployed at context root {@code /} (configurable);
 *   <li>HTTP listens on a free port bound to 127.0.0.1 only; HTTPS, JMX and the admin side stay off
 *       (as in Payara Micro's own domain.xml); Hazelcast/clustering is off ({@code --nohazelcast},
 *       which also stops the data-grid port 6900 that {@code --nocluster} alone leaves open);
 *       phone-home is off;
 *   <li>{@code --rootdir} is a fresh temporary directory by default (deleted on close); a reusable
 *       one saves little (measured: ~0.15 s of ~4.4 s) and keeps every earlier configuration
 *       change, so it is opt-in (see {@link Builder#rootDir});
 *   <li>readiness is detected by reading the server's output (never by sleeping): the
 *       {@code "Payara Micro ... ready in"} line ends the wait; a deployment failure is recognised
 *       from Payara's own messages ({@code "Exception while loading the app"},
 *       {@code "Exception during lifecycle processing"}, {@code "Deployed 0 archive(s)"}, …), an
 *       exit of the child before that, or the timeout. (A failed application does not stop Payara
 *       Micro: it still prints {@code "Deployed 1 archive(s)"} and {@code "ready in"}, and keeps
 *       answering 404/500 — so the failure markers must be checked, not the exit or the count.)
 *   <li>default JVM options {@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1} (start to first
 *       response ~4.4 s instead of ~6 s on 2 cores; replace with {@link Builder#jvmArgs});
 *   <li>{@link #close()} stops the child (SIGTERM, then SIGKILL after a grace period); a shutdown
 *       hook does the same when the test JVM exits; and unless disabled, a tiny Java agent in the
 *       child watches its standard input, so even a test JVM killed with SIGKILL takes its server
 *       with it (the pipe closes, the agent calls {@code System.exit}).
 * </ul>
 *
 * <pre>{@code
 * try (PayaraMicroServer server = PayaraMicroServer.builder(war).start()) {
 *   assertFalse(server.deploymentFailed(), server.failureText().orElse(""));
 *   HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("/items/1")).build(), ofString());
 * }
 * }</pre>
 */
public final class PayaraMicroServer implements AutoCloseable {

  /** Pre-boot command (verified on 6.2025.10): no {@code Server: Payara Micro} response header. */
  public static final String NO_SERVER_HEADER = "set configs.config.server-config.network-config"
      + ".protocols.protocol.http-listener.http.server-header=false";
  /** Pre-boot command: {@code /health} is not registered (404). */
  public static final String DISABLE_HEALTH =
      "set-microprofile-healthcheck-configuration --enabled=false";
  /** Pre-boot command: {@code /metrics} answers 403 "MicroProfile Metrics Service is disabled". */
  public static final String DISABLE_METRICS =
      "set configs.config.server-config.microprofile-metrics-configuration.enabled=false";
  /** Pre-boot command: {@code /openapi} answers 403 "MicroProfile OpenAPI Service is disabled.". */
  public static final String DISABLE_OPENAPI = "set-openapi-configuration --enabled=false";

  /** System property / environment variable naming the payara-micro jar. */
  public static final String JAR_PROPERTY = "payara.micro.jar";
  public static final String DEFAULT_VERSION = "6.2025.10";

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private static final Pattern READY = Pattern.compile("Payara Micro \\S+ \\(build \\S+\\) ready in ([\\d,.]+) \\(ms\\)");
  private static final Pattern DEPLOYED = Pattern.compile("Deployed (\\d+) archive\\(s\\)");
  private static final Pattern HTTP_PORTS = Pattern.compile("\"Http Port\\(s\\)\": \"([\\d ]*)\"");
  /** Payara/GlassFish messages that mean the deployment did not succeed. */
  private static final List<String> FAILURE_MARKERS = List.of(
      "Exception while loading the app",
      "Exception during lifecycle processing",
      "Exception while deploying the app",
      "Failed to deploy",
      "Error occurred during deployment",
      "deployment failed",
      "Exception while invoking class org.glassfish");
  /** Startup problems that are not about the application. */
  private static final List<String> BOOT_FAILURE_MARKERS = List.of(
      "Address already in use", "BindException");

  /** Temporary directories are named {@code payara-micro-test-<pid of the test JVM>-...}. */
  private static final String TEMP_PREFIX = "payara-micro-test-";

  private final Builder config;
  private final Process process;
  /** Guarded by {@link #lock}. */
  private final StringBuilder log = new StringBuilder();
  private long lines;
  private boolean pumpDone;
  private final Object lock = new Object();
  private final Thread shutdownHook;
  private final long startedAtNanos;
  private final Path tempDir;
  private volatile boolean ready;
  private volatile boolean failed;
  private volatile String failureText;
  private volatile long readyMillis = -1;
  private volatile int deployedCount = -1;
  private volatile boolean closed;
  private volatile boolean bindFailed;
  private final int port;

  public static Builder builder(Path war) {
    return new Builder(war);
  }

  /** Starts with defaults: {@code builder(war).start()}. */
  public static PayaraMicroServer start(Path war) {
    return builder(war).start();
  }

  /**
   * The payara-micro jar: system property or environment variable {@value #JAR_PROPERTY}, else
   * the local Maven repository's {@value #DEFAULT_VERSION}.
   */
  public static Path defaultPayaraJar() {
    String configured = System.getProperty(JAR_PROPERTY, System.getenv("PAYARA_MICRO_JAR"));
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    String repo = System.getProperty("maven.repo.local",
        Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
    return Paths.get(repo, "fish", "payara", "extras", "payara-micro", DEFAULT_VERSION,
        "payara-micro-" + DEFAULT_VERSION + ".jar");
  }

  /** Options; every one has a default. */
  public static final class Builder {
    private final Path war;
    private Path payaraJar = defaultPayaraJar();
    private String contextRoot = "/";
    private String host = "127.0.0.1";
    private int port;
    private Path rootDir;
    private Duration startTimeout = Duration.ofMinutes(3);
    private Duration stopTimeout = Duration.ofSeconds(30);
    private String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    private final List<String> jvmArgs = new ArrayList<>(List.of(
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> prebootCommands = new ArrayList<>();
    private final List<String> postbootCommands = new ArrayList<>();
    private final List<String> extraArgs = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean echo;
    private boolean watchdog = true;

    private Builder(Path war) {
      this.war = Objects.requireNonNull(war, "war");
    }

    public Builder payaraJar(Path jar) {
      this.payaraJar = jar;
      return this;
    }

    public Builder contextRoot(String root) {
      this.contextRoot = root;
      return this;
    }

    /** Listening address; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Fixed HTTP port; default 0 = a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * A directory kept between starts (e.g. {@code target/payara-root}): Payara Micro unpacks its
     * runtime (~100 MB) and domain there once, and later starts reuse them. Default: a new
     * temporary directory, deleted on close. Caveats: the domain.xml in it keeps every setting
     * made by earlier starts (pre-boot commands included), so use one directory per
     * configuration; it also remembers the last deployment, which Payara would boot again before
     * deploying the WAR — the launcher removes that before each start. One directory must not be
     * used by two running servers.
     */
    public Builder rootDir(Path dir) {
      this.rootDir = dir;
      return this;
    }

    public Builder startTimeout(Duration d) {
      this.startTimeout = d;
      return this;
    }

    public Builder stopTimeout(Duration d) {
      this.stopTimeout = d;
      return this;
    }

    public Builder java(String executable) {
      this.java = executable;
      return this;
    }

    /** Replaces the default JVM options (fast-start flags). */
    public Builder jvmArgs(String... args) {
      jvmArgs.clear();
      jvmArgs.addAll(List.of(args));
      return this;
    }

    public Builder addJvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /** A {@code -Dname=value} for the server JVM (visible to MicroProfile Config too). */
    public Builder systemProperty(String name, String value) {
      systemProperties.put(name, value);
      return this;
    }

    /** An asadmin command run before boot, e.g. {@code set configs.config...=...}. */
    public Builder prebootCommand(String command) {
      prebootCommands.add(command);
      return this;
    }

    public Builder postbootCommand(String command) {
      postbootCommands.add(command);
      return this;
    }

    /** Any further payara-micro command-line argument. */
    public Builder arg(String arg) {
      extraArgs.add(arg);
      return this;
    }

    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** Copies the server's output to this JVM's standard output as it arrives. */
    public Builder echo(boolean echo) {
      this.echo = echo;
      return this;
    }

    /** Whether the child exits when this JVM dies (stdin watchdog agent). Default true. */
    public Builder watchdog(boolean on) {
      this.watchdog = on;
      return this;
    }

    /**
     * Starts the server and waits until it is ready or failed. A failed deployment does not
     * throw: check {@link #deploymentFailed()}. Throws when the server cannot be started at all
     * or is not ready within the timeout (the process is stopped then).
     */
    public PayaraMicroServer start() {
      for (int attempt = 1; ; attempt++) {
        PayaraMicroServer server = new PayaraMicroServer(this);
        // a free port can be taken between choosing it and Payara binding it: choose again
        if (server.bindFailed && port == 0 && attempt < 3) {
          server.close();
          continue;
        }
        return server;
      }
    }
  }

  private PayaraMicroServer(Builder b) {
    this.config = b;
    if (!Files.isRegularFile(b.payaraJar)) {
      throw new IllegalStateException("payara-micro jar not found: " + b.payaraJar
          + " (set -D" + JAR_PROPERTY + "=...)");
    }
    if (!Files.exists(b.war)) {
      throw new IllegalStateException("WAR not found: " + b.war);
    }
    try {
      deleteStaleTempDirs();
      this.tempDir = Files.createTempDirectory(TEMP_PREFIX + ProcessHandle.current().pid() + "-");
      Path rootDir = b.rootDir != null ? b.rootDir : tempDir.resolve("root");
      Files.createDirectories(rootDir);
      forgetDeployments(rootDir);
      this.port = b.port != 0 ? b.port : freePort(b.host);

      List<String> preboot = new ArrayList<>();
      preboot.add("set configs.config.server-config.network-config.network-listeners"
          + ".network-listener.http-listener.address=" + b.host);
      preboot.addAll(b.prebootCommands);
      Path prebootFile = tempDir.resolve("preboot.asadmin");
      Files.write(prebootFile, preboot, StandardCharsets.UTF_8);

      List<String> cmd = new ArrayList<>();
      cmd.add(b.java);
      cmd.addAll(b.jvmArgs);
      b.systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      if (b.watchdog) {
        Path agent = watchdogAgent(tempDir);
        if (agent != null) {
          cmd.add("-javaagent:" + agent);
        }
      }
      cmd.add("-jar");
      cmd.add(b.payaraJar.toAbsolutePath().toString());
      cmd.addAll(List.of("--nohazelcast", "--disablephonehome",
          "--rootdir", rootDir.toAbsolutePath().toString(),
          "--port", String.valueOf(port),
          "--prebootcommandfile", prebootFile.toString(),
          "--contextroot", b.contextRoot,
          "--deploy", b.war.toAbsolutePath().toString()));
      if (!b.postbootCommands.isEmpty()) {
        Path postboot = tempDir.resolve("postboot.asadmin");
        Files.write(postboot, b.postbootCommands, StandardCharsets.UTF_8);
        cmd.add("--postbootcommandfile");
        cmd.add(postboot.toString());
      }
      cmd.addAll(b.extraArgs);

      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .directory(tempDir.toFile());
      pb.environment().putAll(b.environment);
      startedAtNanos = System.nanoTime();
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Payara Micro", e);
    }
    shutdownHook = new Thread(() -> {
      stopProcess();
      deleteRecursively(tempDir);
    }, "payara-micro-stopper");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    Thread reader = new Thread(this::pump, "payara-micro-output");
    reader.setDaemon(true);
    reader.start();
    awaitReadiness();
  }

  // ---------------------------------------------------------------- public API

  /** {@code http://127.0.0.1:<port>/} plus the context root, ending with '/'. */
  public URI baseUri() {
    String root = config.contextRoot.startsWith("/") ? config.contextRoot : "/" + config.contextRoot;
    return URI.create("http://" + hostForUri() + ":" + port + (root.endsWith("/") ? root : root + "/"));
  }

  /** {@code baseUri()} resolved against a path such as {@code "/items/1"} or {@code "items/1"}. */
  public URI uri(String path) {
    return baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public int port() {
    return port;
  }

  /** Everything the server printed so far (ANSI colours removed). */
  public String log() {
    synchronized (lock) {
      return log.toString();
    }
  }

  /** Whether the application failed to deploy (the server may still be running without it). */
  public boolean deploymentFailed() {
    return failed;
  }

  /** Payara's failure message with the lines after it, when {@link #deploymentFailed()}. */
  public Optional<String> failureText() {
    return Optional.ofNullable(failureText);
  }

  /** Milliseconds from process start until ready (or failed). */
  public long startupMillis() {
    return readyMillis;
  }

  /** Payara's own "ready in" figure is in the log; this is the count of its "Deployed n archive(s)". */
  public int deployedArchives() {
    return deployedCount;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Waits until {@code text} appears in the log (after start-up, e.g. a line logged by a request);
   * returns false on timeout.
   */
  public boolean awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (log.indexOf(text) < 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || pumpDone) {
          return log.indexOf(text) >= 0;
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Stops the server (graceful, then forced) and deletes the temporary directory. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    deleteRecursively(tempDir);
  }

  // ---------------------------------------------------------------- internals

  private String hostForUri() {
    String h = config.host;
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  private void pump() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        line = ANSI.matcher(line).replaceAll("");
        if (config.echo) {
          System.out.println("[payara] " + line);
        }
        synchronized (lock) {
          log.append(line).append('\n');
          lines++;
          lock.notifyAll();
        }
      }
    } catch (IOException ignored) {
      // process gone
    } finally {
      synchronized (lock) {
        pumpDone = true;
        lock.notifyAll();
      }
    }
  }

  /** Waits for new output (or the end of it), at most {@code millis}; no fixed sleeps. */
  private void awaitOutput(long seenLines, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (lock) {
      while (lines == seenLines && !pumpDone) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        lock.wait(left);
      }
    }
  }

  private void awaitReadiness() {
    long deadline = startedAtNanos + config.startTimeout.toNanos();
    while (true) {
      long seen;
      String text;
      synchronized (lock) {
        seen = lines;
        text = log.toString();
      }
      if (evaluate(text)) {
        readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
        return;
      }
      boolean outputEnded;
      synchronized (lock) {
        outputEnded = pumpDone && lines == seen;
      }
      if (outputEnded) {
        // the child closed its output: it has exited (or is exiting) before being ready
        try {
          process.waitFor(config.stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        failed = true;
        failureText = "Payara Micro exited" + (process.isAlive() ? "" : " with code "
            + process.exitValue()) + " before it was ready:\n" + tail(text, 60);
        readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
        stopProcess();
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        String tail = tail(text, 60);
        stopProcess();
        throw new IllegalStateException("Payara Micro not ready within " + config.startTimeout
            + "; last output:\n" + tail);
      }
      try {
        awaitOutput(seen, TimeUnit.NANOSECONDS.toMillis(left) + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopProcess();
        throw new IllegalStateException("interrupted while starting Payara Micro", e);
      }
    }
  }

  /** True once the outcome is known (ready, or failed). */
  private boolean evaluate(String text) {
    for (String marker : BOOT_FAILURE_MARKERS) {
      int i = text.indexOf(marker);
      if (i >= 0) {
        failed = true;
        bindFailed = true;
        failureText = excerpt(text, i);
        return true;
      }
    }
    Matcher ready = READY.matcher(text);
    if (!ready.find()) {
      return false;
    }
    Matcher deployed = DEPLOYED.matcher(text);
    deployedCount = deployed.find() ? Integer.parseInt(deployed.group(1)) : -1;
    Matcher ports = HTTP_PORTS.matcher(text);
    if (ports.find() && !ports.group(1).trim().isEmpty()
        && !ports.group(1).trim().equals(String.valueOf(port))) {
      failed = true;
      failureText = "Payara Micro listens on " + ports.group(1) + ", not on " + port;
      return true;
    }
    int firstMarker = -1;
    for (String marker : FAILURE_MARKERS) {
      int i = text.indexOf(marker);
      if (i >= 0 && (firstMarker < 0 || i < firstMarker)) {
        firstMarker = i;
      }
    }
    if (firstMarker >= 0) {
      failed = true;
      failureText = excerpt(text, firstMarker);
    } else if (deployedCount == 0) {
      failed = true;
      failureText = "Payara Micro is ready but deployed no archive:\n" + tail(text, 60);
    }
    return true;
  }

  private static String excerpt(String text, int index) {
    int start = text.lastIndexOf("\n[", index);
    start = start < 0 ? Math.max(0, index - 200) : start + 1;
    int end = start;
    for (int lines = 0; lines < 40 && end >= 0; lines++) {
      end = text.indexOf('\n', end + 1);
    }
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private static String tail(String text, int lines) {
    int i = text.length();
    for (int n = 0; n < lines && i > 0; n++) {
      i = text.lastIndexOf('\n', i - 1);
    }
    return text.substring(Math.max(0, i));
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy(); // SIGTERM: Payara's shutdown hook undeploys and stops
    try {
      if (!process.waitFor(config.stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * A reused root directory remembers the last deployment in its domain.xml, and Payara Micro
   * would boot that stale copy before deploying the WAR again (two application start-ups, the
   * first one with old code). Removes every user application from the directory; the unpacked
   * runtime (the part worth keeping) stays.
   */
  static void forgetDeployments(Path rootDir) throws IOException {
    Path domainXml = rootDir.resolve("config").resolve("domain.xml");
    if (Files.isRegularFile(domainXml)) {
      try {
        javax.xml.parsers.DocumentBuilderFactory f =
            javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(domainXml.toFile());
        boolean changed = false;
        for (String tag : new String[] {"application", "application-ref"}) {
          org.w3c.dom.NodeList nodes = doc.getElementsByTagName(tag);
          for (int i = nodes.getLength() - 1; i >= 0; i--) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) nodes.item(i);
            boolean systemApp = "system-applications".equals(e.getParentNode().getNodeName())
                || e.getAttribute("object-type").startsWith("system");
            if (!systemApp) {
              e.getParentNode().removeChild(e);
              changed = true;
            }
          }
        }
        if (changed) {
          javax.xml.transform.Transformer t =
              javax.xml.transform.TransformerFactory.newInstance().newTransformer();
          t.transform(new javax.xml.transform.dom.DOMSource(doc),
              new javax.xml.transform.stream.StreamResult(domainXml.toFile()));
        }
      } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
          | javax.xml.transform.TransformerException e) {
        throw new IOException("cannot read " + domainXml + "; delete the directory", e);
      }
    }
    Path apps = rootDir.resolve("applications");
    if (Files.isDirectory(apps)) {
      try (var children = Files.list(apps)) {
        children.forEach(PayaraMicroServer::deleteRecursively);
      }
    }
    deleteRecursively(rootDir.resolve("generated"));
  }

  /** Removes temporary directories left by test JVMs that were killed (their pid is gone). */
  private static void deleteStaleTempDirs() {
    Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
    try (var dirs = Files.newDirectoryStream(tmp, TEMP_PREFIX + "*")) {
      for (Path dir : dirs) {
        String rest = dir.getFileName().toString().substring(TEMP_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
          long owner = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
          if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
        } catch (NumberFormatException notOurs) {
          continue;
        }
        deleteRecursively(dir);
      }
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /**
   * Writes a one-class agent jar whose premain exits the JVM when standard input closes, i.e.
   * when the parent (test) JVM is gone. Null when the class bytes are not available (e.g. when
   * this file runs in source-file mode).
   */
  private static Path watchdogAgent(Path dir) throws IOException {
    String resource = Watchdog.class.getName().replace('.', '/') + ".class";
    try (InputStream in = PayaraMicroServer.class.getClassLoader() == null ? null
        : PayaraMicroServer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Path jar = dir.resolve("payara-watchdog-agent.jar");
      Manifest m = new Manifest();
      m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      m.getMainAttributes().put(new Attributes.Name("Premain-Class"), Watchdog.class.getName());
      try (OutputStream os = Files.newOutputStream(jar);
          JarOutputStream jos = new JarOutputStream(os, m)) {
        jos.putNextEntry(new JarEntry(resource));
        in.transferTo(jos);
        jos.closeEntry();
      }
      return jar;
    }
  }

  /** Runs inside the server JVM (as a Java agent): exit when our stdin reaches end of file. */
  public static final class Watchdog {
    private Watchdog() {
    }

    public static void premain(String args) {
      Thread t = new Thread(() -> {
        try {
          byte[] buf = new byte[256];
          while (System.in.read(buf) >= 0) {
            // ignore input; wait for end of file
          }
        } catch (IOException ignored) {
          // treat as closed
        }
        Thread killer = new Thread(() -> {
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException ignored) {
            // fall through
          }
          Runtime.getRuntime().halt(3);
        }, "payara-watchdog-halt");
        killer.setDaemon(true);
        killer.start();
        System.exit(0);
      }, "payara-watchdog");
      t.setDaemon(true);
      t.start();
    }
  }
}
