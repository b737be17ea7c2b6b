package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.example.MixedLoad.Call;
import dev.gatehouse.example.MixedLoad.Op;
import dev.gatehouse.example.MixedLoad.Session;
import dev.gatehouse.testkit.EmbeddedServerProcess;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

/**
 * The example jar under a concurrent mixed load ({@value #WORKERS} workers, each with a session
 * of its own on {@value #ACCOUNTS} accounts: logins, refreshes, note reads and writes,
 * registrations, health checks — see {@link MixedLoad}) while its stores fail: Redis stopped
 * (and started again with its data), paused ({@code SIGSTOP}: connections hang), restarted empty,
 * slowed ({@code DEBUG SLEEP} longer than the timeout), and the database unreachable (a
 * {@link TcpCut} in front of the test's own H2 TCP server resets every connection and refuses new
 * ones; in front of a PostgreSQL on loopback instead when {@value #PG_ENV} names one, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, with {@code GATEHOUSE_TEST_PG_USER}, default
 * {@code postgres}, and no password: the build itself needs no database server). The Redis is the
 * test's own ({@link OwnRedis}), never {@code GATEHOUSE_TEST_REDIS_URL}.
 *
 * <p>Every wait the service has is set to 0.5 s: {@code gatehouse.redis.timeout}
 * ({@link #REDIS_TIMEOUT}), the database pool's wait and the password hasher's. Asserted for every
 * call of every phase:
 * <ul>
 *   <li>it is answered 2xx, 4xx or 503 — never another 5xx, never left unanswered (each load
 *       call has a client read timeout of {@value #CLIENT_TIMEOUT_SECONDS} s) — and every 503 is
 *       a problem with {@code Retry-After} (2 s from a store, 1 s from a saturated hasher);
 *   <li>within {@link #BOUND}: the timeout plus a margin of {@link #MARGIN}, for a loaded 2-core
 *       machine (load average 20 to 40 during these runs, shared with other builds: a thread
 *       there waits seconds for a core) and for the one call that waits for Redis twice, a
 *       refresh that its limit lets through and that then waits for its session. Every fault
 *       lasts longer than that ({@link #FAULT}), so a call that waited for the store to return
 *       instead of failing after the timeout breaks the bound. A login or registration outside
 *       a fault also hashes a password (Argon2id, 19 MiB; about 3 s at worst measured here under
 *       that load), so it gets {@link #HASHING} more: {@link #PASSWORD_BOUND}.
 * </ul>
 * Calls made entirely while a store cannot answer are judged exactly. The example's rate limits
 * are all {@code on-store-failure=deny}; this test turns the refresh limit to {@code allow} so
 * that both policies are proved: logins and registrations are 503 (deny); every refresh is let
 * through by its limit (one {@code ratelimit_store_unavailable_allowed} event each) and still
 * gets 503 from its own store — no refresh succeeds while the store cannot answer. Note calls are
 * 503 (the deny-list's policy is deny) and {@code /health} is 200. With the database cut,
 * everything but {@code /health} is 503. A refresh refused by an outage succeeds with the same
 * token afterwards (Redis stopped and started with its data; the database cut), five logins
 * refused by the database's outage lock nobody out, and a session is gone after Redis restarts
 * empty (401).
 *
 * <p>After each fault the service recovers without a restart within {@link #RECOVERY} of the
 * store's return (polled: a probe's notes are listed and its refresh is answered by the store;
 * no password hashed, so the probe measures the stores, not the CPU). Once the load stops, the
 * process's thread count and Redis's connections are back (see {@link AtRest#isBackTo}). The
 * figures measured are written to {@code target/faults-under-load.txt}. The class runs in about
 * 80 s on this machine under that load (set-up, about 30 s, is mostly password hashing).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsUnderLoadIT {

  static final int WORKERS = 16;
  static final int ACCOUNTS = 4;
  static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
  static final Duration MARGIN = Duration.ofMillis(3000);
  static final Duration BOUND = REDIS_TIMEOUT.plus(MARGIN);
  /** What a login or registration outside a fault may add: the password hasher's wait and work. */
  static final Duration HASHING = Duration.ofSeconds(3);
  static final Duration PASSWORD_BOUND = BOUND.plus(HASHING);
  static final Duration RECOVERY = Duration.ofSeconds(2);
  static final int CLIENT_TIMEOUT_SECONDS = 10;
  /** How many calls of each kind must be judged inside a fault's window. */
  static final int CALLS_PER_OP = 3;
  /**
   * How long each fault lasts at least: longer than {@link #BOUND}, so a call that waited for the
   * store to come back, instead of failing after the timeout, breaks the bound.
   */
  static final Duration FAULT = Duration.ofSeconds(5);
  static final double SLEEP_SECONDS = 5.5;

  /** A PostgreSQL on loopback to cut instead of the test's H2 (optional). */
  static final String PG_ENV = "GATEHOUSE_TEST_PG_URL";

  static OwnRedis redis;
  static Server h2;
  static TcpCut db;
  static EmbeddedServerProcess app;
  static MixedLoad load;
  static final List<String> accounts = new ArrayList<>();
  static Session probe;
  static FaultPhase.Stage stage;
  static final Figures figures = new Figures(Path.of("target", "faults-under-load.txt"));

  @BeforeAll
  static void start() throws Exception {
    redis = OwnRedis.start(Path.of("target", "faults-redis.log"));
    String pg = System.getenv(PG_ENV);
    String dbUrl;
    String dbUser;
    if (pg != null && !pg.isBlank()) {
      URI server = URI.create(pg.trim().substring("jdbc:".length()));
      db = TcpCut.to(server.getPort());
      dbUrl = "jdbc:postgresql://127.0.0.1:" + db.port() + server.getRawPath();
      dbUser = System.getenv().getOrDefault("GATEHOUSE_TEST_PG_USER", "postgres");
    } else {
      h2 = Server.createTcpServer("-tcpPort", String.valueOf(freePort()), "-ifNotExists").start();
      db = TcpCut.to(h2.getPort());
      dbUrl = "jdbc:h2:tcp://127.0.0.1:" + db.port() + "/mem:faults;DB_CLOSE_DELAY=-1";
      dbUser = "sa";
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env = new HashMap<>(Map.of(
        "GATEHOUSE_REDIS_URL", redis.url(),
        "GATEHOUSE_REDIS_TIMEOUT", "PT0.5S",
        "GATEHOUSE_JWT_SECRET", Base64.getEncoder().encodeToString(secret),
        "EXAMPLE_DB_URL", dbUrl,
        "EXAMPLE_DB_USER", dbUser,
        "EXAMPLE_DB_POOL_MAX_WAIT", "PT0.5S",
        "GATEHOUSE_PASSWORD_MAX_WAIT", "PT0.5S"));
    // every worker calls from 127.0.0.1: quotas out of the way, failure policies under test
    for (String policy : List.of("LOGIN", "REGISTER", "REFRESH")) {
      env.put("GATEHOUSE_RATELIMIT_" + policy + "_LIMIT", "1000000");
    }
    env.put("GATEHOUSE_RATELIMIT_REFRESH_ON_STORE_FAILURE", "allow");
    app = ExampleProcess.start(env);
    assertThat(app.isListening()).as(app.output()).isTrue();

    Client client = new Client(app.port());
    // password hashes are most of the set-up's time: four accounts, shared by the workers, each
    // worker logged in on its own (a session each), side by side
    ExecutorService setUp = Executors.newFixedThreadPool(8);
    List<Future<Session>> made = new ArrayList<>();
    try {
      List<Future<String>> registered = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        registered.add(setUp.submit(() -> account(client, "worker")));
      }
      for (Future<String> f : registered) {
        accounts.add(f.get(120, TimeUnit.SECONDS));
      }
      for (int i = 0; i <= WORKERS; i++) {
        String email = accounts.get(i % ACCOUNTS);
        made.add(setUp.submit(() -> session(client, email)));
      }
    } finally {
      setUp.shutdown();
    }
    List<Session> sessions = new ArrayList<>();
    for (Future<Session> f : made) {
      sessions.add(f.get(120, TimeUnit.SECONDS));
    }
    probe = sessions.remove(WORKERS);
    load = new MixedLoad("http://127.0.0.1:" + app.port(), sessions,
        Duration.ofSeconds(CLIENT_TIMEOUT_SECONDS));
    load.start();
    FaultPhase.awaitCalls(load, load.callCount(), 6 * WORKERS);
    load.stop();
    AtRest baseline = AtRest.of(app.pid(), redis);
    stage = new FaultPhase.Stage(app, redis, load, () -> probe, baseline, figures);
    figures.add("baseline after warm-up: " + baseline + "; threads "
        + ProcStatus.threadNames(app.pid()));
  }

  /** A new account; a 503 (the password hasher saturated by the load) is retried. */
  private static String account(Client client, String name) {
    String email = Client.uniqueEmail(name);
    Poll.until(Duration.ofSeconds(30), () -> "registered " + email,
        () -> status(client.register(email, MixedLoad.PASSWORD).extract().statusCode(), 201));
    return email;
  }

  /** A new session of the account, with a note; a 503 is retried, as a client would. */
  private static Session session(Client client, String email) {
    JsonPath[] tokens = new JsonPath[1];
    Poll.until(Duration.ofSeconds(30), () -> "logged in " + email, () -> {
      var r = client.login(email, MixedLoad.PASSWORD).extract();
      tokens[0] = r.jsonPath();
      return status(r.statusCode(), 200);
    });
    String access = tokens[0].getString("access_token");
    return new Session(email, access, tokens[0].getString("refresh_token"),
        client.createNote(access, "first"));
  }

  /** A new session of one of the workers' accounts. */
  private static Session anotherSession() {
    return session(new Client(app.port()), accounts.get(0));
  }

  /** Whether {@code status} is {@code expected}; false on a 503, anything else fails. */
  private static boolean status(int status, int expected) {
    if (status == 503) {
      return false;
    }
    assertThat(status).isEqualTo(expected);
    return true;
  }

  @AfterAll
  static void stop() {
    if (load != null) {
      load.stop();
    }
    if (app != null) {
      app.close();
      try {
        Files.writeString(Path.of("target", "faults-example.log"), app.output());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (redis != null) {
      redis.close();
    }
    if (db != null) {
      db.close();
    }
    if (h2 != null) {
      h2.stop();
    }
    figures.write();
  }

  @Test
  @Order(1)
  void redisStopped() {
    FaultPhase phase = FaultPhase.begin(stage, "Redis stopped");
    Session kept = anotherSession();
    redis.stop();
    long from = System.nanoTime();
    String token = kept.refresh;
    assertThat(load.once(Op.REFRESH, kept).status()).isEqualTo(503);
    holdUntilJudged(from, Op.values());
    long to = System.nanoTime();
    redis.start(); // with its data, as a Redis that persists
    phase.end(from, to, FaultsUnderLoadIT::redisCannotAnswer);
    phase.refreshesWereLetThrough(from, to);
    assertThat(kept.refresh).as("a 503 left the token as it was").isEqualTo(token);
    assertThat(answered(Op.REFRESH, kept))
        .as("the refresh refused while Redis was down, retried with the same token")
        .isEqualTo(200);
  }

  @Test
  @Order(2)
  void redisPaused() {
    FaultPhase phase = FaultPhase.begin(stage, "Redis paused (SIGSTOP)");
    redis.pause();
    long from = System.nanoTime();
    holdUntilJudged(from, Op.values());
    long to = System.nanoTime();
    redis.resume();
    phase.end(from, to, FaultsUnderLoadIT::redisCannotAnswer);
    phase.refreshesWereLetThrough(from, to);
  }

  @Test
  @Order(3)
  void redisRestartedEmpty() {
    FaultPhase phase = FaultPhase.begin(stage, "Redis restarted empty");
    Session before = anotherSession();
    redis.stop();
    long from = System.nanoTime();
    holdUntilJudged(from, Op.values());
    long to = System.nanoTime();
    redis.startEmpty();
    phase.end(from, to, FaultsUnderLoadIT::redisCannotAnswer);
    phase.refreshesWereLetThrough(from, to);
    // its session lived in the Redis that is gone: refused, never renewed from anything kept
    assertThat(answered(Op.REFRESH, before)).isEqualTo(401);
    probe = anotherSession();
  }

  @Test
  @Order(4)
  void redisSlowed() {
    FaultPhase phase = FaultPhase.begin(stage, "Redis slowed (DEBUG SLEEP " + SLEEP_SECONDS + " s)");
    long sent = System.nanoTime();
    CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> redis.sleep(SLEEP_SECONDS));
    // Redis sleeps once a PING sent after the DEBUG SLEEP gets no answer within the timeout
    Poll.until(Duration.ofSeconds(2), () -> "Redis asleep", FaultsUnderLoadIT::pingTimesOut);
    long from = System.nanoTime();
    long to = sent + (long) (SLEEP_SECONDS * 1e9); // it cannot wake before
    sleeping.join();
    phase.end(from, to, FaultsUnderLoadIT::redisCannotAnswer);
    phase.refreshesWereLetThrough(from, to);
  }

  @Test
  @Order(5)
  void databaseUnreachable() {
    FaultPhase phase = FaultPhase.begin(stage, "database unreachable");
    // an account of its own: its five logins below must lock nobody out, and would
    Session refused = session(new Client(app.port()), account(new Client(app.port()), "db"));
    db.cut();
    long from = System.nanoTime();
    // five logins of one account refused by the outage: not five wrong passwords
    for (int i = 0; i < 5; i++) {
      assertThat(load.once(Op.LOGIN, refused).status()).as("login %d during the outage", i)
          .isEqualTo(503);
    }
    String token = refused.refresh;
    assertThat(load.once(Op.REFRESH, refused).status()).isEqualTo(503);
    holdUntilJudged(from, Op.values());
    long to = System.nanoTime();
    db.restore();
    phase.end(from, to, FaultsUnderLoadIT::databaseCannotAnswer);
    assertThat(refused.refresh).as("a 503 left the token as it was").isEqualTo(token);
    assertThat(answered(Op.REFRESH, refused))
        .as("the refresh refused by the outage, retried with the same token").isEqualTo(200);
    assertThat(answered(Op.LOGIN, refused))
        .as("the owner logs in after the outage; the outage counted no failed attempt")
        .isEqualTo(200);
    assertThat(phase.calls()).as("no account locked out by the outage")
        .noneMatch(c -> c.status() == 429);
  }

  /** What a call made entirely while Redis could not answer must get. */
  static int redisCannotAnswer(Op op) {
    return switch (op) {
      case LOGIN, REGISTER -> 503; // their limits: on-store-failure=deny
      case REFRESH -> 503;         // its limit: allow, and then its own store cannot answer
      case HEALTH -> 200;
      default -> 503;              // notes: the deny-list cannot be read, and its policy is deny
    };
  }

  /** The status of one call, repeated while it is 503 (a store coming back, a busy hasher). */
  private static int answered(Op op, Session s) {
    int[] status = new int[1];
    Poll.until(Duration.ofSeconds(20), () -> op + " answered other than 503", () -> {
      status[0] = load.once(op, s).status();
      return status[0] != 503;
    });
    return status[0];
  }

  /** What a call made entirely while the database was cut must get. */
  static int databaseCannotAnswer(Op op) {
    return op == Op.HEALTH ? 200 : 503;
  }

  /** A probe's PING, sent now, gets no answer within the timeout. */
  private static boolean pingTimesOut() {
    try (Jedis j = new Jedis("127.0.0.1", Integer.parseInt(redis.url().replaceAll(".*:", "")),
        (int) REDIS_TIMEOUT.toMillis())) {
      j.ping();
      return false;
    } catch (redis.clients.jedis.exceptions.JedisConnectionException timedOut) {
      return true;
    }
  }

  /**
   * Keeps the fault for {@link #FAULT} at least, and until every kind of call has been made
   * {@value #CALLS_PER_OP} times in it.
   */
  private static void holdUntilJudged(long from, Op... ops) {
    Poll.until(Duration.ofSeconds(30), () -> "each call made " + CALLS_PER_OP
        + " times during the fault: " + countWithin(from, System.nanoTime()), () -> {
          if (System.nanoTime() - from < FAULT.toNanos()) {
            return false;
          }
          Map<Op, Integer> n = countWithin(from, System.nanoTime());
          for (Op op : ops) {
            if (n.getOrDefault(op, 0) < CALLS_PER_OP) {
              return false;
            }
          }
          return true;
        });
  }

  private static Map<Op, Integer> countWithin(long from, long to) {
    Map<Op, Integer> n = new EnumMap<>(Op.class);
    for (Call c : load.calls()) {
      if (c.within(from, to)) {
        n.merge(c.op(), 1, Integer::sum);
      }
    }
    return n;
  }

  static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
