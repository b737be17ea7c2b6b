package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.core.support.TestAuthFilter;
import dev.gatehouse.ratelimit.support.LimitedResources;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RateLimits#attempt} over HTTP, as an attacker guessing passwords would use it: failures
 * are counted per account and address and per account, successes are not, and the owner keeps
 * getting in from elsewhere. Clients are told apart through a trusted proxy.
 */
class LoginAttemptTest {

  @RegisterExtension
  static final EmbeddedServer server = EmbeddedServer.builder()
      .register(GatehouseRateLimitFeature.class)
      .register(TestAuthFilter.class)
      .register(LimitedResources.Guarded.class)
      .property("gatehouse.proxy.trusted", "127.0.0.1")
      .property("gatehouse.ratelimit.guess-address.limit", "3")
      .property("gatehouse.ratelimit.guess-address.period", "PT15M")
      .property("gatehouse.ratelimit.guess-account.limit", "6")
      .property("gatehouse.ratelimit.guess-account.period", "PT1H")
      .build();

  private static final AtomicInteger NEXT = new AtomicInteger(1);

  private static String freshIp() {
    int n = NEXT.getAndIncrement();
    return "203.0." + (n / 250) + "." + (n % 250 + 1);
  }

  private static String freshAccount() {
    return "user" + NEXT.getAndIncrement() + "@example.com";
  }

  private static int login(String ip, String account, String password) {
    return given().header("X-Forwarded-For", ip).contentType("application/json")
        .body(Map.of("email", account, "password", password)).post("/guarded/login")
        .then().extract().statusCode();
  }

  private static int guess(String ip, String account) {
    return login(ip, account, "a guess");
  }

  private static int owner(String ip, String account) {
    return login(ip, account, LimitedResources.Guarded.PASSWORD);
  }

  @Test
  void attemptsTheServerCouldNotTestAreNotCountedAndEarlierFailuresStay() {
    String account = freshAccount();
    String ip = freshIp();
    assertThat(guess(ip, account)).isEqualTo(401);
    for (int i = 0; i < 10; i++) {
      assertThat(login(ip, account, LimitedResources.Guarded.BUSY)).as("busy %d", i + 1)
          .isEqualTo(503);
    }
    assertThat(guess(ip, account)).as("the second failure of three").isEqualTo(401);
    assertThat(guess(ip, account)).as("the third").isEqualTo(401);
    assertThat(guess(ip, account)).as("the fourth: over the limit").isEqualTo(429);
  }

  @Test
  void failuresFromOneAddressDoNotLockTheOwnerOutFromAnother() {
    String account = freshAccount();
    String attacker = freshIp();
    for (int i = 0; i < 3; i++) {
      assertThat(guess(attacker, account)).as("guess %d", i + 1).isEqualTo(401);
    }
    assertThat(guess(attacker, account)).isEqualTo(429);
    assertThat(owner(attacker, account)).as("the right password from the attacker's address")
        .isEqualTo(429);
    assertThat(owner(freshIp(), account)).as("the owner from another address").isEqualTo(200);
  }

  @Test
  void aSuccessForgivesThatAddresssFailures() {
    String account = freshAccount();
    String ip = freshIp();
    assertThat(guess(ip, account)).isEqualTo(401);
    assertThat(guess(ip, account)).isEqualTo(401);
    assertThat(owner(ip, account)).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      assertThat(guess(ip, account)).as("typo %d after the success", i + 1).isEqualTo(401);
    }
    assertThat(guess(ip, account)).isEqualTo(429);
  }

  @Test
  void successesAreNotCountedAsFailures() {
    String account = freshAccount();
    String ip = freshIp();
    for (int i = 0; i < 10; i++) {
      assertThat(owner(ip, account)).as("login %d", i + 1).isEqualTo(200);
    }
  }

  @Test
  void guessesSpreadOverManyAddressesMeetTheAccountWideCeiling() {
    String account = freshAccount();
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    for (int i = 0; i < 6; i++) {
      assertThat(guess(freshIp(), account)).as("guess %d", i + 1).isEqualTo(401);
    }
    events.clear();
    assertThat(guess(freshIp(), account)).isEqualTo(429);
    assertThat(events.all()).extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.RATE_LIMITED);
    SecurityEvent limited = events.all().get(0);
    assertThat(limited.reason()).isEqualTo("guess-account");
    assertThat(limited.account()).isEqualTo(SecurityEvent.accountKey(account))
        .doesNotContain("example");
    assertThat(guess(freshIp(), "someone-else-" + account)).as("other accounts").isEqualTo(401);
  }

  @Test
  void theAccountWideCeilingEmptiesAtItsRateNotAtAWindowBoundary() {
    MutableClock clock = server.cdi().select(MutableClock.class).get();
    String account = freshAccount();
    for (int i = 0; i < 6; i++) {
      guess(freshIp(), account);
    }
    assertThat(guess(freshIp(), account)).isEqualTo(429);
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(guess(freshIp(), account)).as("one guess per 10 minutes").isEqualTo(401);
    assertThat(guess(freshIp(), account)).isEqualTo(429);
  }

  @Test
  void failedLoginEventsNameTheHashedAccount() {
    String account = freshAccount();
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    assertThat(guess(freshIp(), account)).isEqualTo(401);
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.AUTHENTICATION_FAILED);
      assertThat(e.account()).isEqualTo(SecurityEvent.accountKey(account));
      assertThat(e.toJson()).contains("\"account\":\"" + SecurityEvent.accountKey(account))
          .doesNotContain(account);
    });
  }

  @Test
  void parallelGuessesCannotSlipPastTheLimitBeforeTheFirstFailureIsCounted() throws Exception {
    String account = freshAccount();
    String ip = freshIp();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      statuses.add(pool.submit(() -> {
        go.await();
        return guess(ip, account);
      }));
    }
    go.countDown();
    int checked = 0;
    for (Future<Integer> f : statuses) {
      checked += f.get() == 401 ? 1 : 0;
    }
    pool.shutdown();
    assertThat(checked).as("guesses that reached the password check").isEqualTo(3);
  }
}
