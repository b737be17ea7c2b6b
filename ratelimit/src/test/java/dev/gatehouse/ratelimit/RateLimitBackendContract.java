package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.ratelimit.RateLimitBackend.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimitBackend} must do: the same answers as the generic cell rate algorithm
 * under any concurrency, giving back without banking credit. Gatehouse's in-process and Redis
 * backends both pass it; a backend of your own runs it by extending it in a test:
 *
 * <pre>{@code
 * class MyBackendTest extends RateLimitBackendContract {
 *   @Override
 *   protected RateLimitBackend newBackend(Clock clock) {
 *     return new MyBackend(myStore, clock); // every decision reads the time from clock
 *   }
 * }
 * }</pre>
 *
 * <p>It is published in {@code gatehouse-ratelimit}'s test jar (classifier {@code tests}; in
 * Maven, {@code <type>test-jar</type>} with {@code <scope>test</scope>}) and needs only JUnit 5
 * and AssertJ beside it. The contract moves time itself, through the clock it hands over.
 */
public abstract class RateLimitBackendContract {

  /** The policy most checks use: a burst of five, then one call every twelve seconds. */
  protected static final RateLimitPolicy FIVE_PER_MINUTE = RateLimitPolicy.of("contract", 5,
      Duration.ofMinutes(1), Set.of(RateLimitPolicy.Key.IP));

  private volatile Instant now;
  /** The time the backend under test must read: it moves only when {@link #advance} is called. */
  protected final Clock clock = ((InstantSource) () -> now).withZone(ZoneOffset.UTC);
  /** A fresh backend for each check. */
  protected RateLimitBackend backend;

  /**
   * A new backend that takes the time from {@code clock}; buckets of other checks may still be in
   * it (each check uses a bucket of its own).
   */
  protected abstract RateLimitBackend newBackend(Clock clock);

  @BeforeEach
  void setUp() {
    now = Instant.now(); // a plausible time, for stores that compare it with their own
    backend = newBackend(clock);
  }

  /** Moves {@link #clock} forward. */
  protected void advance(Duration by) {
    now = now.plus(by);
  }

  /** A bucket name no other check uses. */
  protected static String bucket() {
    return "contract:ip:" + UUID.randomUUID();
  }

  @Test
  void allowsTheLimitThenRefusesWithARetryAfterWithinThePeriod() {
    String b = bucket();
    for (int i = 0; i < 5; i++) {
      Decision d = backend.acquire(FIVE_PER_MINUTE, b);
      assertThat(d.allowed()).as("call %d", i + 1).isTrue();
      assertThat(d.remaining()).isEqualTo(4 - i);
    }
    Decision refused = backend.acquire(FIVE_PER_MINUTE, b);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
  }

  @Test
  void aFullPeriodLaterTheQuotaIsBack() {
    String b = bucket();
    for (int i = 0; i < 5; i++) {
      backend.acquire(FIVE_PER_MINUTE, b);
    }
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isFalse();
    advance(Duration.ofSeconds(61));
    for (int i = 0; i < 5; i++) {
      assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isTrue();
    }
  }

  @Test
  void bucketsAreIndependent() {
    String a = bucket();
    String b = bucket();
    for (int i = 0; i < 5; i++) {
      backend.acquire(FIVE_PER_MINUTE, a);
    }
    assertThat(backend.acquire(FIVE_PER_MINUTE, a).allowed()).isFalse();
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isTrue();
  }

  @Test
  void retryingAtTheAnnouncedTimeSucceeds() {
    String b = bucket();
    for (int i = 0; i < 5; i++) {
      backend.acquire(FIVE_PER_MINUTE, b);
    }
    Decision refused = backend.acquire(FIVE_PER_MINUTE, b);
    advance(Duration.ofSeconds(refused.retryAfterSeconds()).plusMillis(50));
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isTrue();
  }

  /**
   * A fixed window lets {@code limit} through at the end of one window and {@code limit} again at
   * the start of the next (resilience4j's limiter let 9 of a 5-per-minute policy through in
   * under 3 s); a GCRA lets at most the burst through in any span shorter than one interval.
   */
  @Test
  void neverLetsNearlyTwiceTheLimitThroughAcrossAWindowBoundary() {
    String b = bucket();
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isTrue();
    advance(Duration.ofMillis(58_600));
    int allowed = 0;
    for (int i = 0; i < 5; i++) {
      allowed += backend.acquire(FIVE_PER_MINUTE, b).allowed() ? 1 : 0;
    }
    advance(Duration.ofMillis(2_400));
    for (int i = 0; i < 5; i++) {
      allowed += backend.acquire(FIVE_PER_MINUTE, b).allowed() ? 1 : 0;
    }
    assertThat(allowed).as("calls allowed within 2.4 s").isLessThanOrEqualTo(5);
  }

  @Test
  void givingBackOneCallMakesRoomForExactlyOneMore() {
    String b = bucket();
    for (int i = 0; i < 5; i++) {
      backend.acquire(FIVE_PER_MINUTE, b);
    }
    backend.giveBack(FIVE_PER_MINUTE, b, 1);
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isTrue();
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isFalse();
  }

  @Test
  void givingBackTheLimitEmptiesTheBucket() {
    String b = bucket();
    for (int i = 0; i < 5; i++) {
      backend.acquire(FIVE_PER_MINUTE, b);
    }
    backend.giveBack(FIVE_PER_MINUTE, b, 5);
    for (int i = 0; i < 5; i++) {
      assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).as("call %d", i + 1).isTrue();
    }
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isFalse();
  }

  @Test
  void givingBackBanksNoCredit() {
    String b = bucket();
    backend.giveBack(FIVE_PER_MINUTE, b, 3);
    backend.acquire(FIVE_PER_MINUTE, b);
    backend.giveBack(FIVE_PER_MINUTE, b, 3);
    for (int i = 0; i < 5; i++) {
      assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).as("call %d", i + 1).isTrue();
    }
    assertThat(backend.acquire(FIVE_PER_MINUTE, b).allowed()).isFalse();
  }

  @Test
  void underConcurrencyExactlyTheLimitIsAllowed() throws Exception {
    RateLimitPolicy fifty = RateLimitPolicy.of("contract-hot", 50, Duration.ofMinutes(1),
        Set.of(RateLimitPolicy.Key.IP));
    String b = "contract-hot:ip:" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      results.add(pool.submit(() -> {
        go.await();
        return backend.acquire(fifty, b).allowed();
      }));
    }
    go.countDown();
    int allowed = 0;
    for (Future<Boolean> f : results) {
      allowed += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(allowed).isEqualTo(50);
  }
}
