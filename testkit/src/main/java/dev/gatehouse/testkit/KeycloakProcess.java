package dev.gatehouse.testkit;

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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Keycloak server run from an unpacked {@link KeycloakDist}: {@code bin/kc.sh start-dev} on
 * loopback with free ports, an in-memory H2 database ({@code --db=dev-mem}: every start imports
 * the realm afresh, and nothing a test changed survives it), the realm file in
 * {@code data/import}, the bootstrap admin from the environment, and standard output and error in
 * a log file. Returns from {@link #start} once the realm's discovery document answers 200.
 *
 * <p>{@code start-dev} rather than {@code kc.sh build} and {@code start --optimized}: measured
 * here, both start in the same time (25 to 35 s on 2 cores) once the unpacked distribution holds
 * the result of Keycloak's build step, which {@code start-dev} writes there itself on its first
 * run; production mode would only add settings (HTTP, hostname, cache) to get the same server.
 */
final class KeycloakProcess {

  /**
   * The realm's discovery document must answer within this; only a broken start takes it all.
   * A first start on a fresh unpack runs Keycloak's build step too: 104 to 114 s measured at a
   * load of 3 to 8 on 2 cores, so the bound leaves a loaded CI machine more than twice that.
   */
  static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final int LOG_TAIL_LINES = 40;
  /** What kc.sh prints when Keycloak runs its Quarkus build step before starting. */
  private static final String AUGMENTING = "Updating the configuration";

  private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

  static {
    // a run that ends without close (Ctrl-C, a failed start, the end of the JVM) leaves none behind
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (ProcessHandle p : LIVE) {
        try {
          killTree(p);
        } catch (RuntimeException ignored) {
          // best effort at JVM exit: the next JVM to take the slot kills what is left
        }
      }
    }, "keycloak-harness-cleanup"));
  }

  private final Process process;
  private final Path log;
  private final String baseUrl;
  private final long readyMillis;

  private KeycloakProcess(Process process, Path log, String baseUrl, long readyMillis) {
    this.process = process;
    this.log = log;
    this.baseUrl = baseUrl;
    this.readyMillis = readyMillis;
  }

  /**
   * Starts Keycloak from {@code dist} on {@code 127.0.0.1:httpPort} with {@code realmJson} as
   * {@code data/import/<realm>-realm.json}, and waits until the realm's discovery document answers.
   *
   * @throws IllegalStateException when it exits or does not answer within {@link #START_TIMEOUT};
   *     the message ends with the log's last lines
   */
  static KeycloakProcess start(KeycloakDist dist, String realm, byte[] realmJson, int httpPort,
      int managementPort, String adminUser, String adminPassword, Path log) {
    Path home = dist.home();
    String baseUrl = "http://127.0.0.1:" + httpPort;
    Process process;
    try {
      // data/ holds only what the previous run left (transaction logs, the import file)
      KeycloakDist.deleteRecursively(home.resolve("data"));
      Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
      Files.write(imports.resolve(realm + "-realm.json"), realmJson);
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(List.of(
          home.resolve("bin").resolve("kc.sh").toString(),
          "start-dev",
          "--http-host=127.0.0.1",
          "--http-port=" + httpPort,
          // only opened when health or metrics are on; moved off 9000 anyway, never to clash
          "--http-management-port=" + managementPort,
          // the issuer and every endpoint in discovery name this URL, however a client asks
          "--hostname=" + baseUrl,
          "--db=dev-mem",
          "--import-realm"))
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Keycloak did not start from " + home, e);
    }
    LIVE.add(process.toHandle());
    dist.recordPid(process.pid());
    long start = System.nanoTime();
    URI discovery = URI.create(baseUrl + "/realms/" + realm + "/.well-known/openid-configuration");
    HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    try {
      BoundedPoll.until(START_TIMEOUT, "Keycloak answering " + discovery, () -> {
        if (!process.isAlive()) {
          throw new BoundedPoll.GiveUp("Keycloak exited with " + process.exitValue());
        }
        return answers200(http, discovery);
      });
    } catch (IllegalStateException e) {
      killTree(process.toHandle());
      LIVE.remove(process.toHandle());
      throw new IllegalStateException(e.getMessage() + "; " + log.toAbsolutePath()
          + " ends with:\n" + tail(log), e);
    }
    return new KeycloakProcess(process, log, baseUrl,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static Optional<Boolean> answers200(HttpClient http, URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(PROBE_TIMEOUT).GET().build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 ? Optional.of(true) : Optional.empty();
    } catch (IOException notYet) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Keycloak started", e);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  Path log() {
    return log;
  }

  /** From starting kc.sh until the discovery document answered. */
  long readyMillis() {
    return readyMillis;
  }

  /** Whether this run began with Keycloak's build step, i.e. the distribution was new to it. */
  boolean augmented() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().limit(50)
          .anyMatch(l -> l.contains(AUGMENTING));
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills kc.sh and the JVM it started (SIGKILL: the database is in memory, nothing to save). */
  void kill() {
    killTree(process.toHandle());
    LIVE.remove(process.toHandle());
  }

  /**
   * Kills {@code root} and every process under it, children first — kc.sh runs Keycloak's JVM as
   * its child, which a kill of the script alone would leave running — and waits until they exited.
   */
  static void killTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("Keycloak process " + p.pid() + " still runs "
            + EXIT_TIMEOUT.toSeconds() + " s after SIGKILL", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Keycloak exited", e);
      }
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
          .toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
          lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
