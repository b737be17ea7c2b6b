package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.example.Wire.Answer;
import dev.gatehouse.testkit.EmbeddedServerProcess;
import dev.gatehouse.testkit.RedisTestServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Races across two instances of the jar sharing one real Redis and one database (H2 file with
 * {@code AUTO_SERVER}, or {@code EXAMPLE_DB_URL}), each request of a race sent to either
 * instance: one refresh token refreshed a thousand times at once, five hundred guesses at one
 * account against a limit of five, and logouts interleaved with refreshes. Every test makes its
 * own users, so the order of the tests does not matter; the instances run with the refresh grace
 * period on ({@code PT1M}, its maximum: concurrent refreshes from one client are replays, not
 * reuse) and with the limits this class is not about set out of the way.
 *
 * <p>About 40 s on an idle 2-core machine (90 s with a load average of 16), of which the two
 * instances' start is about 13 and the logout race's 120 Argon2 logins most of the rest. A request
 * the service sheds under load (503, 408: see {@link Wire#SHED}) is sent again where the test
 * needs its effect; it never counts as a success.
 */
class RacesAcrossInstancesIT {

  static final String PASSWORD = "a long enough password";
  /** The limit on guesses at one account, per address and from anywhere, for an hour. */
  static final int GUESS_LIMIT = 5;
  /** Client threads of a race: the first this many calls are sent at the same instant. */
  static final int CLIENTS = 100;
  static final Duration BOUND = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final RedisTestServer redis = RedisTestServer.ownEmbedded();
  static EmbeddedServerProcess a;
  static EmbeddedServerProcess b;
  static Wire onA;
  static Wire onB;
  static Path h2;

  @BeforeAll
  static void start() throws IOException {
    redis.start();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env = new HashMap<>();
    env.put("GATEHOUSE_REDIS_URL", redis.url());
    env.put("GATEHOUSE_JWT_SECRET", Base64.getEncoder().encodeToString(secret));
    env.put("GATEHOUSE_JWT_REFRESH_TOKEN_REUSE_GRACE", "PT1M");
    // guesses from many addresses arrive through a trusted proxy, as behind a load balancer
    env.put("GATEHOUSE_PROXY_TRUSTED", "127.0.0.1");
    env.put("GATEHOUSE_RATELIMIT_LOGIN_FAILURES_LIMIT", String.valueOf(GUESS_LIMIT));
    env.put("GATEHOUSE_RATELIMIT_LOGIN_FAILURES_PERIOD", "PT1H");
    env.put("GATEHOUSE_RATELIMIT_LOGIN_ACCOUNT_LIMIT", String.valueOf(GUESS_LIMIT));
    env.put("GATEHOUSE_RATELIMIT_LOGIN_ACCOUNT_PERIOD", "PT1H");
    // per client address: every call of these tests comes from 127.0.0.1
    env.put("GATEHOUSE_RATELIMIT_LOGIN_LIMIT", "1000000");
    env.put("GATEHOUSE_RATELIMIT_REFRESH_LIMIT", "1000000");
    env.put("GATEHOUSE_RATELIMIT_REGISTER_LIMIT", "1000000");
    for (String v : new String[] {"EXAMPLE_DB_URL", "EXAMPLE_DB_USER", "EXAMPLE_DB_PASSWORD"}) {
      String value = System.getenv(v);
      if (value != null && !value.isBlank()) {
        env.put(v, value);
      }
    }
    if (!env.containsKey("EXAMPLE_DB_URL")) {
      h2 = Files.createTempDirectory("gatehouse-races-db");
      env.put("EXAMPLE_DB_URL", "jdbc:h2:file:" + h2.resolve("notes") + ";AUTO_SERVER=TRUE");
      env.put("EXAMPLE_DB_USER", "sa");
    }
    a = ExampleProcess.start(env);
    b = ExampleProcess.start(env);
    assertThat(a.isListening()).as(a.output()).isTrue();
    assertThat(b.isListening()).as(b.output()).isTrue();
    onA = new Wire("a", a.port());
    onB = new Wire("b", b.port());
  }

  @AfterAll
  static void stop() throws IOException {
    for (EmbeddedServerProcess p : new EmbeddedServerProcess[] {a, b}) {
      if (p != null) {
        p.close();
        // the instances' own account of the races (security events, errors), for a failure
        Files.writeString(Path.of("target", "races-" + (p == a ? "a" : "b") + ".log"),
            p.output());
      }
    }
    redis.stop();
    if (h2 != null) {
      try (Stream<Path> files = Files.walk(h2)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** Even calls go to one instance, odd ones to the other. */
  static Wire either(int i) {
    return i % 2 == 0 ? onA : onB;
  }

  static String newAccount(String name) {
    String email = Client.uniqueEmail(name).toLowerCase();
    assertThat(onA.register(email, PASSWORD).status()).isEqualTo(201);
    return email;
  }

  static Map<Integer, Long> byStatus(List<Answer> answers) {
    return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new,
        Collectors.counting()));
  }

  @Test
  void aThousandConcurrentRefreshesOfOneTokenOnBothInstancesGiveOneSuccessorInOneSession()
      throws Exception {
    Answer login = onA.login(newAccount("racer"), PASSWORD);
    assertThat(login.status()).isEqualTo(200);
    String token = login.text("refresh_token");
    String session = Wire.sessionOf(login.text("access_token"));

    List<Callable<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Wire w = either(i);
      calls.add(() -> w.refresh(token));
    }
    List<Answer> answers = Burst.run(CLIENTS, calls, BOUND);
    Map<Integer, Long> statuses = byStatus(answers);
    System.out.println("refresh race, answers by status: " + statuses);

    Set<String> successors = answers.stream().filter(r -> r.status() == 200)
        .map(r -> r.text("refresh_token")).collect(Collectors.toSet());
    assertThat(successors).as("distinct successors (a fork would be two)").hasSize(1);
    // within the grace period a concurrent refresh is a replay, never refused; a refresh the
    // service shed changed nothing, and sent again it is a replay too
    assertThat(statuses.keySet()).as("answers by status").isSubsetOf(200, 408, 503);
    List<Answer> settled = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      Wire w = either(i);
      settled.add(answers.get(i).shed() ? Wire.retryingShed(() -> w.refresh(token))
          : answers.get(i));
    }
    assertThat(byStatus(settled)).as("answers, shed ones sent again").containsOnlyKeys(200);
    assertThat(settled.stream().map(r -> r.text("refresh_token")).distinct())
        .as("successors, shed ones sent again").containsExactlyElementsOf(successors);
    Set<String> sessions = settled.stream().map(r -> Wire.sessionOf(r.text("access_token")))
        .collect(Collectors.toSet());
    assertThat(sessions).as("sessions of the access tokens minted").containsExactly(session);

    String successor = successors.iterator().next();
    Answer next = onB.refresh(successor);
    assertThat(next.status()).as("the successor refreshes once more").isEqualTo(200);
    assertThat(next.text("refresh_token")).isNotIn(successor, token);
    assertThat(Wire.sessionOf(next.text("access_token"))).isEqualTo(session);
    assertThat(onA.me(next.text("access_token")).status()).isEqualTo(200);
  }

  @Test
  void fiveHundredConcurrentGuessesAtOneAccountFromManyAddressesAreFiveEvaluated()
      throws Exception {
    String email = newAccount("target");
    // every address is new, so the account-wide ceiling is what refuses
    guessConcurrently(email, i -> either(i).loginFrom("198.18." + (i / 250) + "." + (i % 250 + 1),
        email, "wrong guess number " + i), "login-account");
    assertThat(onB.loginFrom("198.18.9.9", email, "one more guess").status())
        .as("the ceiling stays reached").isEqualTo(429);
  }

  @Test
  void fiveHundredConcurrentGuessesAtOneAccountFromOneAddressAreFiveEvaluated()
      throws Exception {
    String email = newAccount("target");
    guessConcurrently(email, i -> either(i).login(email, "wrong guess number " + i),
        "login-failures");
    assertThat(onA.login(email, "one more guess").status()).as("the limit stays reached")
        .isEqualTo(429);
  }

  /**
   * Sends 500 wrong guesses at {@code email}'s account at once, half to each instance, and
   * checks that {@link #GUESS_LIMIT} of them were evaluated — answered 401 after the password
   * check, which writes an {@code AUTHENTICATION_FAILED} event — and the rest refused by
   * {@code policy} before it, each with a {@code RATE_LIMITED} event. An attempt keeps its permit
   * if the service sheds it after taking one, so with shed answers fewer may be evaluated, never
   * more.
   */
  private static void guessConcurrently(String email, IntFunction<Answer> guess, String policy)
      throws InterruptedException {
    List<Callable<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      int n = i;
      calls.add(() -> guess.apply(n));
    }
    List<Answer> answers = Burst.run(CLIENTS, calls, BOUND);
    Map<Integer, Long> statuses = byStatus(answers);
    System.out.println("guesses refused by " + policy + ", answers by status: " + statuses);
    assertThat(statuses.keySet()).as("answers by status: %s", statuses)
        .isSubsetOf(401, 429, 408, 503);
    long evaluated = statuses.getOrDefault(401, 0L);
    long refused = statuses.getOrDefault(429, 0L);
    long shed = 500 - evaluated - refused;
    assertThat(evaluated).as("guesses evaluated: %s", statuses)
        .isBetween(Math.max(0, GUESS_LIMIT - shed), (long) GUESS_LIMIT);
    Map<String, Long> expected = new TreeMap<>();
    expected.put("AUTHENTICATION_FAILED bad_credentials", evaluated);
    expected.put("RATE_LIMITED " + policy, refused);
    expected.values().removeIf(v -> v == 0);
    assertThat(eventsAbout(email)).as("security events about the account on both instances")
        .isEqualTo(expected);
  }

  /** One session's tokens as a race left them. */
  static final class Session {
    final List<String> access = new CopyOnWriteArrayList<>();
    final List<String> refresh = new CopyOnWriteArrayList<>();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    final boolean doomed;
    volatile Answer loggedOut;

    Session(Answer login, boolean doomed) {
      access.add(login.text("access_token"));
      refresh.add(login.text("refresh_token"));
      this.doomed = doomed;
    }

    /** A refresh on {@code first} and, when it succeeds, one more on {@code second}. */
    Answer refreshTwice(Wire first, Wire second) {
      String token = refresh.get(0);
      for (Wire w : List.of(first, second)) {
        Answer r = w.refresh(token);
        statuses.add(r.status());
        if (r.status() != 200) {
          return r;
        }
        access.add(r.text("access_token"));
        token = r.text("refresh_token");
        refresh.add(token);
      }
      return null;
    }
  }

  @Test
  void logoutsRacingRefreshesOnBothInstancesLeaveNoTokenOfALoggedOutSessionWorking()
      throws Exception {
    int doomedCount = 80;
    int keptCount = 40;
    String email = newAccount("juggler");
    List<Callable<Answer>> logins = new ArrayList<>();
    for (int i = 0; i < doomedCount + keptCount; i++) {
      Wire w = either(i);
      logins.add(() -> Wire.retryingShed(() -> w.login(email, PASSWORD)));
    }
    List<Session> sessions = new ArrayList<>();
    List<Answer> loggedIn = Burst.run(4, logins, BOUND);
    for (int i = 0; i < loggedIn.size(); i++) {
      assertThat(loggedIn.get(i).status()).as("login %d", i).isEqualTo(200);
      sessions.add(new Session(loggedIn.get(i), i < doomedCount));
    }

    // a logout on one instance, its session refreshed twice over on the other and back; the
    // sessions kept are refreshed the same way: 80 logouts and 120 refresh chains at once
    List<Callable<Answer>> race = new ArrayList<>();
    List<Answer> logouts = new CopyOnWriteArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      Session s = sessions.get(i);
      Wire here = either(i);
      Wire there = either(i + 1);
      if (s.doomed) {
        String access = s.access.get(0);
        String refresh = s.refresh.get(0);
        race.add(() -> {
          s.loggedOut = here.logout(access, refresh);
          logouts.add(s.loggedOut);
          return s.loggedOut;
        });
      }
      race.add(() -> s.refreshTwice(there, here));
    }
    Collections.shuffle(race, new Random(14));
    Burst.run(CLIENTS, race, BOUND);

    assertThat(byStatus(logouts).keySet()).as("logouts by status").isSubsetOf(204, 408, 503);
    for (Session s : sessions) {
      if (s.doomed && s.loggedOut.shed()) {
        Wire w = onA;
        assertThat(Wire.retryingShed(() -> w.logout(s.access.get(0), s.refresh.get(0))).status())
            .as("a logout sent again after it was shed").isEqualTo(204);
      }
    }
    Map<Boolean, List<Integer>> refreshStatuses = sessions.stream().collect(
        Collectors.partitioningBy(s -> s.doomed,
            Collectors.flatMapping(s -> s.statuses.stream(), Collectors.toList())));
    assertThat(refreshStatuses.get(false)).as("refreshes of the sessions kept")
        .isSubsetOf(200, 408, 503).contains(200);
    assertThat(refreshStatuses.get(true)).as("refreshes of the sessions logged out")
        .isSubsetOf(200, 401, 408, 503);
    System.out.println("logout race, refreshes of the sessions logged out by status (200: won"
        + " the race, 401: lost it): " + refreshStatuses.get(true).stream().collect(
            Collectors.groupingBy(st -> st, TreeMap::new, Collectors.counting())));

    // afterwards: on either instance, no token of a logged-out session works — those the
    // refreshes minted before the logout included — and every token of a kept session does
    List<Callable<String>> checks = new ArrayList<>();
    for (Session s : sessions) {
      for (Wire w : List.of(onA, onB)) {
        for (String access : s.access) {
          checks.add(() -> expect(Wire.retryingShed(() -> w.me(access)).status(),
              s.doomed ? 401 : 200,
              w.name + " /me with an access token of a " + (s.doomed ? "logged-out" : "kept")
                  + " session"));
        }
        if (s.doomed) {
          for (String refresh : s.refresh) {
            checks.add(() -> expect(Wire.retryingShed(() -> w.refresh(refresh)).status(), 401,
                w.name + " refresh with a refresh token of a logged-out session"));
          }
        }
      }
    }
    List<String> failures = Burst.run(16, checks, BOUND).stream().filter(f -> !f.isEmpty())
        .toList();
    assertThat(failures).as("tokens that answered against expectation").isEmpty();
    for (Session s : sessions) {
      if (!s.doomed) {
        String latest = s.refresh.get(s.refresh.size() - 1);
        assertThat(Wire.retryingShed(() -> onB.refresh(latest)).status())
            .as("the latest refresh token of a kept session").isEqualTo(200);
      }
    }
  }

  private static String expect(int status, int expected, String what) {
    return status == expected ? "" : what + ": " + status + " instead of " + expected;
  }

  /**
   * The security events about {@code email}'s account that both instances wrote, counted by
   * event and reason. A sentinel attempt sent to each instance after the race is written after
   * every event of the race there; once both sentinels are read, the counts are final.
   */
  static Map<String, Long> eventsAbout(String email) {
    String account = SecurityEvent.accountKey(email);
    List<String> lines = new ArrayList<>();
    for (Map.Entry<Wire, EmbeddedServerProcess> e : Map.of(onA, a, onB, b).entrySet()) {
      String sentinel = Client.uniqueEmail("sentinel").toLowerCase();
      assertThat(e.getKey().login(sentinel, "nobody's password").status()).isEqualTo(401);
      String sentinelKey = "\"account\":\"" + SecurityEvent.accountKey(sentinel) + "\"";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String output = e.getValue().output();
      while (!output.contains(sentinelKey)) {
        assertThat(System.nanoTime()).as("the sentinel event in the output of " + e.getKey().name)
            .isLessThan(deadline);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        output = e.getValue().output();
      }
      lines.addAll(output.lines().toList());
    }
    return lines.stream().filter(l -> l.startsWith("{\"event\"")).map(RacesAcrossInstancesIT::json)
        .filter(e -> account.equals(e.path("account").asText(null)))
        .collect(Collectors.groupingBy(e -> e.get("event").asText() + " " + e.get("reason")
            .asText(), TreeMap::new, Collectors.counting()));
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }
}
