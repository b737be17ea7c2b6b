package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.example.Wire.Answer;
import dev.gatehouse.testkit.EmbeddedServerProcess;
import dev.gatehouse.testkit.RedisTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races across two instances of the jar sharing one real Redis and one database (H2 file with
 * {@code AUTO_SERVER}, or {@code EXAMPLE_DB_URL}), each race's calls sent to both instances from
 * {@value #CLIENTS} client threads released by one latch: one refresh token refreshed a thousand
 * times at once; five hundred guesses at one account against a limit of five; logouts racing
 * refreshes; logins racing the deletion of their account; note writes racing the deletion of
 * their note and account. Every test makes its own users, so the order of the tests does not
 * matter; the instances run with the refresh grace period on ({@code PT1M}, its maximum:
 * concurrent refreshes from one client are replays, not reuse) and with the limits this class is
 * not about set out of the way.
 *
 * <p>On 2 cores shared with other builds: 143 s at a load average of 30 (38 s for the first four
 * races at a load average of 4); the two instances' start takes about 13 s of it and the Argon2
 * logins of the logout race most of the rest. A
 * request the service sheds under load (503, 408: see {@link Wire#SHED}) is sent again where the
 * test needs its effect; it never counts as a success.
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
    h2 = ExampleProcess.shareDatabase(env, "races");
    a = ExampleProcess.start(env);
    b = ExampleProcess.start(env);
    assertThat(a.isListening()).as(a.output()).isTrue();
    assertThat(b.isListening()).as(b.output()).isTrue();
    reconnect();
  }

  @BeforeEach
  void newClients() {
    reconnect();
  }

  /**
   * New clients, so that no connection is kept from a phase to the next: the service closes one
   * idle for 20 s, and a request sent on it as it closes gets no answer at all.
   */
  static void reconnect() {
    onA = new Wire("a", a.port());
    onB = new Wire("b", b.port());
  }

  /** {@link Burst#run} within {@link #BOUND}, on connections of its own. */
  static <T> List<T> together(int threads, List<Callable<T>> calls) throws InterruptedException {
    try {
      return Burst.run(threads, calls, BOUND);
    } finally {
      reconnect();
    }
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
    ExampleProcess.deleteSharedDatabase(h2);
  }

  /** Even calls go to one instance, odd ones to the other. */
  static Wire either(int i) {
    return i % 2 == 0 ? onA : onB;
  }

  static String newAccount(String name) {
    String email = Client.uniqueEmail(name).toLowerCase();
    assertThat(Wire.retryingShed(() -> onA.register(email, PASSWORD)).status()).isEqualTo(201);
    return email;
  }

  static Map<Integer, Long> byStatus(List<Answer> answers) {
    return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new,
        Collectors.counting()));
  }

  @Test
  void aThousandConcurrentRefreshesOfOneTokenOnBothInstancesGiveOneSuccessorInOneSession()
      throws Exception {
    String email = newAccount("racer");
    Answer login = Wire.retryingShed(() -> onA.login(email, PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    String token = login.text("refresh_token");
    String session = Wire.sessionOf(login.text("access_token"));

    List<Callable<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Wire w = either(i);
      calls.add(() -> w.refresh(token));
    }
    List<Answer> answers = together(CLIENTS, calls);
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
    Answer next = Wire.retryingShed(() -> onB.refresh(successor));
    assertThat(next.status()).as("the successor refreshes once more").isEqualTo(200);
    assertThat(next.text("refresh_token")).isNotIn(successor, token);
    assertThat(Wire.sessionOf(next.text("access_token"))).isEqualTo(session);
    assertThat(Wire.retryingShed(() -> onA.me(next.text("access_token"))).status())
        .isEqualTo(200);
  }

  @Test
  void fiveHundredConcurrentGuessesAtOneAccountFromManyAddressesAreFiveEvaluated()
      throws Exception {
    String email = newAccount("target");
    // every address is new, so the account-wide ceiling is what refuses
    guessConcurrently(email, i -> either(i).loginFrom("198.18." + (i / 250) + "." + (i % 250 + 1),
        email, "wrong guess number " + i), "login-account");
    Answer more = Wire.retryingShed(() -> onB.loginFrom("198.18.9.9", email, "one more guess"));
    assertThat(more.status()).as("the ceiling stays reached").isEqualTo(429);
  }

  @Test
  void fiveHundredConcurrentGuessesAtOneAccountFromOneAddressAreFiveEvaluated()
      throws Exception {
    String email = newAccount("target");
    guessConcurrently(email, i -> either(i).login(email, "wrong guess number " + i),
        "login-failures");
    Answer more = Wire.retryingShed(() -> onA.login(email, "one more guess"));
    assertThat(more.status()).as("the limit stays reached").isEqualTo(429);
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
    List<Answer> answers = together(CLIENTS, calls);
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
    List<Answer> loggedIn = together(4, logins);
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
    together(CLIENTS, race);

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
    List<String> failures = together(16, checks).stream().filter(f -> !f.isEmpty())
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

  @Test
  void loginsRacingTheDeletionOfTheirAccountOnTheOtherInstanceLeaveNoSessionOfIt()
      throws Exception {
    int accounts = 20;
    List<String> emails = new ArrayList<>();
    List<Callable<Answer>> setUp = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      String email = newAccount("leaver");
      emails.add(email);
      setUp.add(() -> Wire.retryingShed(() -> onB.login(email, PASSWORD)));
    }
    List<Answer> deleters = together(4, setUp);

    // the account deleted on one instance while it logs in on the other
    List<Callable<Answer>> race = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      String email = emails.get(i);
      String access = deleters.get(i).text("access_token");
      Wire here = either(i);
      Wire there = either(i + 1);
      race.add(() -> here.login(email, PASSWORD));
      race.add(() -> there.deleteMe(access));
    }
    List<Answer> answers = together(CLIENTS, race);
    List<Answer> logins = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      logins.add(answers.get(2 * i));
      String access = deleters.get(i).text("access_token");
      Answer deleted = answers.get(2 * i + 1).shed()
          ? Wire.retryingShed(() -> onA.deleteMe(access)) : answers.get(2 * i + 1);
      assertThat(deleted.status()).as("DELETE /me").isEqualTo(204);
    }
    Map<Integer, Long> statuses = byStatus(logins);
    System.out.println("logins racing the deletion of their account, by status: " + statuses);
    assertThat(statuses.keySet()).as("logins by status").isSubsetOf(200, 401, 408, 503);

    List<String> failures = new ArrayList<>();
    for (Answer login : logins) {
      if (login.status() != 200) {
        continue;
      }
      String access = login.text("access_token");
      String refresh = login.text("refresh_token");
      for (Wire w : List.of(onA, onB)) {
        failures.add(expect(Wire.retryingShed(() -> w.me(access)).status(), 401,
            w.name + " /me with the access token of a login that raced the deletion"));
        failures.add(expect(Wire.retryingShed(() -> w.createNote(access, "after")).status(), 401,
            w.name + " POST /notes with the access token of a login that raced the deletion"));
      }
      failures.add(expect(Wire.retryingShed(() -> onB.refresh(refresh)).status(), 401,
          "refresh with the refresh token of a login that raced the deletion"));
    }
    assertThat(failures.stream().filter(f -> !f.isEmpty()))
        .as("tokens of a deleted account that answered against expectation").isEmpty();
  }

  @Test
  void noteWritesRacingTheDeletionOfTheirNoteAndAccountOnTheOtherInstanceAreNever500()
      throws Exception {
    int accounts = 20;
    List<Callable<Answer>> setUp = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      String email = newAccount("writer");
      setUp.add(() -> Wire.retryingShed(() -> onB.login(email, PASSWORD)));
    }
    List<String> access = together(4, setUp).stream().map(r -> r.text("access_token"))
        .toList();
    List<Long> ids = new ArrayList<>();
    for (String token : access) {
      Answer created = Wire.retryingShed(() -> onB.createNote(token, "before"));
      assertThat(created.status()).isEqualTo(201);
      ids.add(created.body().get("id").asLong());
    }

    // per account: its deletion and its note's on one instance, writes on the other
    Map<String, Set<Integer>> allowed = Map.of(
        "DELETE /me", Set.of(204), "DELETE /notes/{id}", Set.of(204, 401, 404),
        "PUT /notes/{id}", Set.of(200, 401, 404), "POST /notes", Set.of(201, 401));
    List<Callable<Map.Entry<String, Answer>>> race = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      String token = access.get(i);
      long id = ids.get(i);
      race.add(() -> Map.entry("DELETE /me", onA.deleteMe(token)));
      race.add(() -> Map.entry("DELETE /notes/{id}", onA.deleteNote(token, id)));
      for (int k = 0; k < 2; k++) {
        race.add(() -> Map.entry("PUT /notes/{id}", onB.updateNote(token, id, "during")));
        race.add(() -> Map.entry("POST /notes", onB.createNote(token, "during")));
      }
    }
    Collections.shuffle(race, new Random(14));
    // 40 at a time: six calls an account, so that about seven accounts race at once, within
    // what two connection pools of ten serve without shedding most of it
    List<Map.Entry<String, Answer>> answers = together(40, race);
    Map<String, Map<Integer, Long>> byCall = answers.stream().collect(Collectors.groupingBy(
        Map.Entry::getKey, TreeMap::new, Collectors.groupingBy(e -> e.getValue().status(),
            TreeMap::new, Collectors.counting())));
    System.out.println("note writes racing the deletion of their account: " + byCall);
    byCall.forEach((call, statuses) -> assertThat(statuses.keySet())
        .as("%s answers by status: %s", call, byCall)
        .isSubsetOf(Stream.concat(allowed.get(call).stream(), Wire.SHED.stream()).toList()));
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
      Wire w = e.getKey();
      assertThat(Wire.retryingShed(() -> w.login(sentinel, "nobody's password")).status())
          .isEqualTo(401);
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
