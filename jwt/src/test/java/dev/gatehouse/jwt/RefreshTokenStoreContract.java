package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.RefreshTokenStore.Rotation.Outcome;
import dev.gatehouse.jwt.internal.RefreshTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RefreshTokenStore} must do: rotation by generation with reuse detection, the
 * grace replay, idle and absolute expiry, revocation, constant storage per session, and one
 * successor per token under any concurrency. Gatehouse's in-memory and Redis stores both pass it;
 * a store of your own runs it by extending it in a test:
 *
 * <pre>{@code
 * class MyStoreTest extends RefreshTokenStoreContract {
 *   @Override
 *   protected RefreshTokenStore newStore() {
 *     return new MyStore(dataSource);
 *   }
 *
 *   @Override
 *   protected long heldFor(String family) {
 *     return count("select count(*) from refresh_tokens where family = ?", family);
 *   }
 * }
 * }</pre>
 *
 * <p>It is published in {@code gatehouse-jwt}'s test jar (classifier {@code tests}; in Maven,
 * {@code <type>test-jar</type>} with {@code <scope>test</scope>}) and needs only JUnit 5 and AssertJ
 * beside it. Time is what the contract passes to the store's methods; it moves it itself.
 */
public abstract class RefreshTokenStoreContract {

  /** The idle lifetime of each token the contract stores. */
  protected static final Duration IDLE = Duration.ofDays(14);
  /** The absolute lifetime of each session the contract starts. */
  protected static final Duration ABSOLUTE = Duration.ofDays(30);

  private final RefreshTokens tokens = new RefreshTokens();
  private Instant now;
  /** A fresh store for each check. */
  protected RefreshTokenStore store;

  /** A new store; sessions of other checks may still be in it (each check starts its own). */
  protected abstract RefreshTokenStore newStore();

  /**
   * How many objects the store holds for one session (entries and hashes, rows, or Redis keys),
   * to show that refreshing does not grow it.
   */
  protected abstract long heldFor(String family);

  @BeforeEach
  void setUp() {
    now = Instant.now();
    store = newStore();
  }

  /** The time the contract passes to the store. */
  protected Instant now() {
    return now;
  }

  /** Moves {@link #now()} forward. */
  protected void advance(Duration by) {
    now = now.plus(by);
  }

  /** Starts a session of {@code subject} (generation 0) and returns its family id. */
  protected String startFamily(String subject) {
    return start(subject).family();
  }

  private RefreshTokens.Parsed start(String subject) {
    RefreshTokens.Parsed first = tokens.newFamily();
    store.startFamily(new RefreshTokenStore.Family(first.family(), subject, Set.of("user"), now,
        now.plus(ABSOLUTE)), new RefreshTokenStore.Token(first.family(), first.generation(),
        first.hash(), now.plus(IDLE)));
    return first;
  }

  /** Rotates {@code presented} into {@code successor} with a grace period. */
  private RefreshTokenStore.Rotation rotate(RefreshTokens.Parsed presented,
      RefreshTokens.Parsed successor, Duration grace) {
    byte[] sealed = grace.isZero() ? new byte[0] : tokens.seal(successor, presented);
    return store.rotate(
        new RefreshTokenStore.Presented(presented.family(), presented.generation(),
            presented.hash()),
        new RefreshTokenStore.Token(successor.family(), successor.generation(), successor.hash(),
            now.plus(IDLE)), sealed, now, now.plus(grace));
  }

  @Test
  void aCurrentTokenRotatesIntoItsSuccessor() {
    RefreshTokens.Parsed first = start("s1");
    RefreshTokens.Parsed second = tokens.successor(first);
    RefreshTokenStore.Rotation r = rotate(first, second, Duration.ZERO);
    assertThat(r.outcome()).isEqualTo(Outcome.ROTATED);
    assertThat(r.family().subject()).isEqualTo("s1");
    assertThat(r.family().roles()).containsExactly("user");
    assertThat(rotate(second, tokens.successor(second), Duration.ZERO).outcome())
        .isEqualTo(Outcome.ROTATED);
  }

  @Test
  void aRotatedTokenPresentedAgainRevokesTheFamily() {
    RefreshTokens.Parsed first = start("s2");
    RefreshTokens.Parsed second = tokens.successor(first);
    rotate(first, second, Duration.ZERO);
    assertThat(rotate(first, tokens.successor(first), Duration.ZERO).outcome())
        .isEqualTo(Outcome.REUSE_DETECTED);
    assertThat(rotate(second, tokens.successor(second), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
    assertThat(store.family(first.family(), now)).isEmpty();
  }

  @Test
  void unknownTokensAndFamiliesAreInvalid() {
    RefreshTokens.Parsed first = start("s3");
    RefreshTokens.Parsed stranger = tokens.successor(first);
    assertThat(rotate(stranger, tokens.successor(stranger), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
    RefreshTokens.Parsed nowhere = tokens.newFamily();
    assertThat(rotate(nowhere, tokens.successor(nowhere), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
    assertThat(rotate(first, tokens.successor(first), Duration.ZERO).outcome())
        .isEqualTo(Outcome.ROTATED);
  }

  @Test
  void aForgedTokenOfTheCurrentGenerationIsInvalidAndLeavesTheFamilyAlone() {
    RefreshTokens.Parsed first = start("s3b");
    RefreshTokens.Parsed second = tokens.successor(first);
    rotate(first, second, Duration.ZERO);
    RefreshTokens.Parsed lookAlike = tokens.successor(first); // generation 1, other secret
    assertThat(rotate(lookAlike, tokens.successor(lookAlike), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
    assertThat(rotate(second, tokens.successor(second), Duration.ZERO).outcome())
        .isEqualTo(Outcome.ROTATED);
  }

  @Test
  void aSuccessorMustBeTheNextGeneration() {
    RefreshTokens.Parsed first = start("s3c");
    RefreshTokens.Parsed skipping = tokens.successor(tokens.successor(first));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> rotate(first, skipping, Duration.ZERO))
        .withMessageContaining("next generation (1), not 2");
  }

  @Test
  void aThousandRefreshesLeaveTheSessionsStorageAsItWas() {
    RefreshTokens.Parsed first = start("s-busy");
    RefreshTokens.Parsed current = tokens.successor(first);
    rotate(first, current, Duration.ofSeconds(10));
    long held = heldFor(first.family());
    assertThat(held).isPositive();
    for (int i = 0; i < 1000; i++) {
      advance(Duration.ofSeconds(1));
      RefreshTokens.Parsed next = tokens.successor(current);
      assertThat(rotate(current, next, Duration.ofSeconds(10)).outcome())
          .isEqualTo(Outcome.ROTATED);
      current = next;
    }
    assertThat(heldFor(first.family())).isEqualTo(held);
    // nothing of the first token is kept, yet it is still known as this family's, and stale
    assertThat(rotate(first, tokens.successor(first), Duration.ofSeconds(10)).outcome())
        .isEqualTo(Outcome.REUSE_DETECTED);
    assertThat(rotate(current, tokens.successor(current), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
  }

  @Test
  void anIdleTokenExpires() {
    RefreshTokens.Parsed first = start("s4");
    advance(IDLE.plusSeconds(1));
    assertThat(rotate(first, tokens.successor(first), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
  }

  @Test
  void aFamilyEndsAtItsAbsoluteAgeWhateverItsTokens() {
    RefreshTokens.Parsed current = start("s5");
    for (int i = 0; i < 3; i++) {
      advance(Duration.ofDays(9));
      RefreshTokens.Parsed next = tokens.successor(current);
      assertThat(rotate(current, next, Duration.ZERO).outcome()).isEqualTo(Outcome.ROTATED);
      current = next;
    }
    advance(Duration.ofDays(3));
    assertThat(rotate(current, tokens.successor(current), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
  }

  @Test
  void aReplayWithinTheGraceGetsTheSameSuccessor() {
    RefreshTokens.Parsed first = start("s6");
    RefreshTokens.Parsed second = tokens.successor(first);
    rotate(first, second, Duration.ofSeconds(10));
    advance(Duration.ofSeconds(5));
    RefreshTokenStore.Rotation replay = rotate(first, tokens.successor(first), Duration.ofSeconds(10));
    assertThat(replay.outcome()).isEqualTo(Outcome.GRACE_REPLAY);
    assertThat(tokens.unseal(replay.sealedSuccessor(), first)).map(RefreshTokens.Parsed::token)
        .contains(second.token());
    assertThat(rotate(second, tokens.successor(second), Duration.ZERO).outcome())
        .isEqualTo(Outcome.ROTATED);
  }

  @Test
  void aReplayAfterTheGraceRevokesTheFamily() {
    RefreshTokens.Parsed first = start("s7");
    RefreshTokens.Parsed second = tokens.successor(first);
    rotate(first, second, Duration.ofSeconds(10));
    advance(Duration.ofSeconds(11));
    assertThat(rotate(first, tokens.successor(first), Duration.ofSeconds(10)).outcome())
        .isEqualTo(Outcome.REUSE_DETECTED);
    assertThat(rotate(second, tokens.successor(second), Duration.ZERO).outcome())
        .isEqualTo(Outcome.INVALID);
  }

  @Test
  void onlyTheImmediatePredecessorHasAGracePeriod() {
    RefreshTokens.Parsed first = start("s8");
    RefreshTokens.Parsed second = tokens.successor(first);
    rotate(first, second, Duration.ofSeconds(10));
    rotate(second, tokens.successor(second), Duration.ofSeconds(10));
    assertThat(rotate(first, tokens.successor(first), Duration.ofSeconds(10)).outcome())
        .isEqualTo(Outcome.REUSE_DETECTED);
  }

  @Test
  void aSealedSuccessorOpensOnlyWithThePresentedToken() {
    RefreshTokens.Parsed first = start("s9");
    RefreshTokens.Parsed second = tokens.successor(first);
    rotate(first, second, Duration.ofSeconds(10));
    RefreshTokenStore.Rotation replay = rotate(first, tokens.successor(first), Duration.ofSeconds(10));
    assertThat(tokens.unseal(replay.sealedSuccessor(), tokens.newFamily())).isEmpty();
  }

  @Test
  void revokingAFamilyOrASubjectEndsItsSessions() {
    RefreshTokens.Parsed a = start("carol");
    RefreshTokens.Parsed b = start("carol");
    RefreshTokens.Parsed c = start("carol");
    RefreshTokens.Parsed other = start("dave");
    store.revokeFamily(a.family());
    assertThat(rotate(a, tokens.successor(a), Duration.ZERO).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(store.family(b.family(), now)).isPresent();
    store.revokeSubject("carol");
    assertThat(rotate(b, tokens.successor(b), Duration.ZERO).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(rotate(c, tokens.successor(c), Duration.ZERO).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(rotate(other, tokens.successor(other), Duration.ZERO).outcome())
        .isEqualTo(Outcome.ROTATED);
  }

  @Test
  void sixtyFourThreadsRotatingOneTokenNeverForkTheFamily() throws Exception {
    RefreshTokens.Parsed first = start("race");
    List<RefreshTokenStore.Rotation> results = race(first, Duration.ZERO);
    assertThat(results).filteredOn(r -> r.outcome() == Outcome.ROTATED).hasSize(1);
    assertThat(results).filteredOn(r -> r.outcome() == Outcome.GRACE_REPLAY).isEmpty();
    assertThat(store.family(first.family(), now)).isEmpty();
  }

  @Test
  void sixtyFourThreadsWithAGracePeriodAllGetTheSameSuccessor() throws Exception {
    RefreshTokens.Parsed first = start("race-grace");
    List<RefreshTokenStore.Rotation> results = race(first, Duration.ofSeconds(10));
    assertThat(results).filteredOn(r -> r.outcome() == Outcome.ROTATED).hasSize(1);
    assertThat(results).filteredOn(r -> r.outcome() == Outcome.GRACE_REPLAY).hasSize(63);
    Set<String> successors = new java.util.HashSet<>();
    for (RefreshTokenStore.Rotation r : results) {
      if (r.outcome() == Outcome.GRACE_REPLAY) {
        successors.add(tokens.unseal(r.sealedSuccessor(), first).orElseThrow().token());
      }
    }
    assertThat(successors).hasSize(1);
    assertThat(store.family(first.family(), now)).isPresent();
  }

  private List<RefreshTokenStore.Rotation> race(RefreshTokens.Parsed token, Duration grace)
      throws Exception {
    int threads = 64;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RefreshTokenStore.Rotation>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        return rotate(token, tokens.successor(token), grace);
      }));
    }
    go.countDown();
    List<RefreshTokenStore.Rotation> results = new ArrayList<>();
    for (Future<RefreshTokenStore.Rotation> f : futures) {
      results.add(f.get());
    }
    pool.shutdown();
    return results;
  }
}
