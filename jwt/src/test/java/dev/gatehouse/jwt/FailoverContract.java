package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Redis failover under load, with real processes, the service refreshing sessions from four
 * threads while the test SIGKILLs a master — through Sentinel ({@link SentinelFailoverIT}) or on
 * a cluster with a replica per master ({@link ClusterFailoverIT}). Measured: how long until the sentinels promote the replica, and until every thread's
 * refresh succeeds again. Checked: no answer but 200, 401 or 503 (never a 500); after the
 * failover, no refresh token rotated before the kill is accepted again (a forked session) and no
 * token revoked before it works again — with {@code wait-replicas=1}, which must hold them to 0;
 * with 0 the same counts are recorded, as what that setting can lose. With {@code wait-replicas=1}
 * the promoted master has no replica until the old one returns (the test restarts it as a replica,
 * as an operator or the sentinels would), and until then rotations answer 503: that wait is part
 * of the recovery measured. Figures go to {@code target/failover.txt}.
 */
abstract class FailoverContract {

  private static final int WORKERS = 4;
  private static final Duration LIMIT = Duration.ofSeconds(90);

  EmbeddedServer server;

  /** Starts the Redis processes; the {@code gatehouse.redis.*} properties that reach them. */
  abstract Map<String, String> startRedis();

  abstract void stopRedis();

  /** SIGKILLs a master that holds sessions and returns once a replica serves in its place. */
  abstract void killMasterAndAwaitFailover();

  /** Brings the killed master back as a replica, so that writes can be acknowledged again. */
  abstract void restartKilledMasterAsReplica();

  /** What the figures call this setup. */
  abstract String setup();

  @AfterEach
  void stop() {
    if (server != null) {
      server.afterAll(null);
    }
    stopRedis();
  }

  void start(int waitReplicas) {
    EmbeddedServer.Builder builder = Servers.hs256(Servers.secret(32));
    startRedis().forEach(builder::property);
    server = builder
        .property("gatehouse.redis.timeout", "PT1S")
        .property("gatehouse.redis.wait-replicas", String.valueOf(waitReplicas))
        .build();
    server.beforeAll(null);
  }

  Response post(String path, Map<String, ?> body, String access) {
    var request = given().baseUri(server.baseUri().toString()).contentType("application/json")
        .body(body);
    if (access != null) {
      request = request.header("Authorization", "Bearer " + access);
    }
    return request.post(path);
  }

  /** A session as a client holds it. */
  record Session(String access, String refresh) {
  }

  /** Logs in, retrying while the store cannot answer (503). */
  Session login(String subject) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      Response r = post("/auth/login", Map.of("subject", subject), null);
      if (r.statusCode() == 200) {
        return new Session(r.jsonPath().getString("access_token"),
            r.jsonPath().getString("refresh_token"));
      }
      assertThat(r.statusCode()).as("login").isEqualTo(503);
      assertThat(System.nanoTime()).as("a login within " + LIMIT).isLessThan(deadline);
    }
  }

  /** Refreshing clients: each rotation they saw, and every answer that was not 200. */
  private final class Load implements AutoCloseable {
    private final ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Future<?>> work = new ArrayList<>();
    /** Refresh tokens a rotation spent, with when its 200 came back (nanoTime). */
    final ConcurrentLinkedQueue<long[]> spentAt = new ConcurrentLinkedQueue<>();
    final Map<Long, String> spent = new ConcurrentHashMap<>();
    final AtomicInteger rotations = new AtomicInteger();
    /** Set from the kill on: latencies are those of refreshes with every node up. */
    final AtomicBoolean outage = new AtomicBoolean();
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    final ConcurrentLinkedQueue<Integer> unexpected = new ConcurrentLinkedQueue<>();
    /** Per worker, when its last refresh answered 200 (nanoTime). */
    final AtomicLong[] lastOk = new AtomicLong[WORKERS];
    private final AtomicLong ids = new AtomicLong();

    Load() {
      for (int w = 0; w < WORKERS; w++) {
        int worker = w;
        lastOk[w] = new AtomicLong();
        work.add(threads.submit(() -> {
          Session s = login("failover-" + worker);
          while (running.get()) {
            long sent = System.nanoTime();
            Response r = post("/auth/refresh", Map.of("refresh_token", s.refresh()), null);
            switch (r.statusCode()) {
              case 200 -> {
                if (!outage.get()) {
                  latencies.add(System.nanoTime() - sent);
                }
                long id = ids.incrementAndGet();
                spent.put(id, s.refresh());
                spentAt.add(new long[] {id, System.nanoTime()});
                rotations.incrementAndGet();
                lastOk[worker].set(System.nanoTime());
                s = new Session(r.jsonPath().getString("access_token"),
                    r.jsonPath().getString("refresh_token"));
              }
              case 503 -> unavailable.incrementAndGet(); // the same token again
              case 401 -> {
                ended.incrementAndGet(); // the session is gone: log in again
                s = login("failover-" + worker);
              }
              default -> unexpected.add(r.statusCode());
            }
          }
          return null;
        }));
      }
    }

    /** The {@code q} quantile of the refreshes' latencies with every node up, in ms. */
    double latencyMillis(double q) {
      List<Long> sorted = latencies.stream().sorted().toList();
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())))
          / 1e6;
    }

    /** Rotations seen before {@code nanos}. */
    List<String> spentBefore(long nanos) {
      return spentAt.stream().filter(e -> e[1] < nanos).map(e -> spent.get(e[0])).toList();
    }

    /** Polls until every worker's refresh answered 200 after {@code nanos}; when the last did. */
    long awaitEveryWorkerOkAfter(long nanos) throws InterruptedException {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (true) {
        long latest = 0;
        boolean all = true;
        for (AtomicLong ok : lastOk) {
          all &= ok.get() > nanos;
          latest = Math.max(latest, ok.get());
        }
        if (all) {
          return latest;
        }
        assertThat(System.nanoTime()).as("every worker refreshing again").isLessThan(deadline);
        Thread.sleep(20); // the interval of a bounded poll, not a wait for time
      }
    }

    void awaitRotations(int n) throws InterruptedException {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (rotations.get() < n) {
        assertThat(System.nanoTime()).as(n + " rotations").isLessThan(deadline);
        Thread.sleep(20); // the interval of a bounded poll, not a wait for time
      }
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      for (Future<?> f : work) {
        f.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      }
      threads.shutdown();
    }
  }

  @ParameterizedTest(name = "wait-replicas={0}")
  @ValueSource(ints = {1, 0})
  void killingTheMasterUnderLoadForksNoSessionAndRevivesNoRevokedToken(int waitReplicas)
      throws Exception {
    start(waitReplicas);
    List<Session> revoked = new ArrayList<>();
    long killedAt;
    long promotedAt;
    long recoveredAt;
    int forked = 0;
    int revived = 0;
    List<String> spentBeforeKill;
    try (Load load = new Load()) {
      load.awaitRotations(40);
      for (int i = 0; i < 3; i++) {
        Session s = login("revoked-" + i);
        assertThat(post("/auth/logout", Map.of("refresh_token", s.refresh()), s.access())
            .statusCode()).isEqualTo(204);
        revoked.add(s);
      }
      load.awaitRotations(load.rotations.get() + 20);

      load.outage.set(true);
      killedAt = System.nanoTime();
      killMasterAndAwaitFailover();
      promotedAt = System.nanoTime();
      if (waitReplicas > 0) {
        restartKilledMasterAsReplica(); // the promoted master needs a replica to acknowledge
      }
      recoveredAt = load.awaitEveryWorkerOkAfter(promotedAt);
      load.close();
      spentBeforeKill = load.spentBefore(killedAt);

      for (String token : spentBeforeKill) {
        if (post("/auth/refresh", Map.of("refresh_token", token), null).statusCode() == 200) {
          forked++;
        }
      }
      for (Session s : revoked) {
        if (post("/auth/refresh", Map.of("refresh_token", s.refresh()), null).statusCode() == 200
            || given().baseUri(server.baseUri().toString())
                .header("Authorization", "Bearer " + s.access()).get("/me").statusCode() == 200) {
          revived++;
        }
      }
      String figures = String.format(setup() + ", wait-replicas=%d: refresh latency before the kill median"
          + " %.1f ms, p99 %.1f ms (%d refreshes); %d rotations (%d before the kill), %d"
          + " answers 503, %d sessions ended (401); failover (kill to a promoted replica serving) %d ms;"
          + " every worker refreshing again %d ms after the kill; spent refresh tokens accepted"
          + " again (forked sessions): %d of %d; revoked sessions working again: %d of %d",
          waitReplicas, load.latencyMillis(0.5), load.latencyMillis(0.99), load.latencies.size(),
          load.rotations.get(), spentBeforeKill.size(), load.unavailable.get(),
          load.ended.get(), (promotedAt - killedAt) / 1_000_000,
          (recoveredAt - killedAt) / 1_000_000, forked, spentBeforeKill.size(), revived,
          revoked.size());
      record(figures);
      assertThat(load.unexpected).as("answers other than 200, 401 and 503").isEmpty();
      assertThat(load.unavailable.get()).as("503s: the load met the killed master").isPositive();
    }
    if (waitReplicas > 0) {
      assertThat(forked).as("refresh tokens rotated before the kill, accepted after it")
          .isZero();
      assertThat(revived).as("sessions revoked before the kill, working after it").isZero();
    }
  }

  private static void record(String line) throws IOException {
    Path file = Path.of("target", "failover.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    System.out.println(line);
  }
}
