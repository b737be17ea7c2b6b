package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.ratelimit.internal.Limiter;
import dev.gatehouse.ratelimit.internal.Limiters;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RateLimits.Attempt#succeeded()} when the store stops answering between the attempt and
 * its success (Redis paused as a login was being checked): each give-back is a wait of up to
 * {@code gatehouse.redis.timeout}, so the second is not tried once the first failed — both
 * permits stay counted, and the login waits for the failing store once.
 */
class AttemptStoreFailureTest {

  /** A store that took the attempt's permits and then stopped answering. */
  static final class StoppedAnswering implements RateLimitBackend {
    final List<String> giveBacks = new ArrayList<>();
    boolean answering = true;

    @Override
    public Decision acquire(RateLimitPolicy policy, String bucket) {
      return new Decision(true, policy.limit() - 1, Duration.ZERO);
    }

    @Override
    public void giveBack(RateLimitPolicy policy, String bucket, int calls) {
      giveBacks.add(policy.name());
      if (!answering) {
        throw new StoreUnavailableException("rate-limit store",
            new SocketTimeoutException("Read timed out"));
      }
    }
  }

  private final RateLimitPolicy perAddress = RateLimitPolicy.builder("guess-address").limit(5)
      .period(Duration.ofMinutes(15)).build();
  private final RateLimitPolicy perAccount = RateLimitPolicy.builder("guess-account").limit(50)
      .period(Duration.ofHours(1)).build();
  private final StoppedAnswering store = new StoppedAnswering();
  private final Limiter limiter = Limiters.of(RateLimitSettings.builder().policy(perAddress)
      .policy(perAccount).build(), store);

  private RateLimits.Attempt attempt() {
    return new RateLimits.Attempt(limiter, perAddress, "guess-address:account-ip:k", perAccount,
        "guess-account:account:k");
  }

  @Test
  void aSuccessGivesBothPermitsBackWhileTheStoreAnswers() {
    attempt().succeeded();
    assertThat(store.giveBacks).containsExactly("guess-address", "guess-account");
  }

  @Test
  void aSuccessWhoseStoreStoppedAnsweringWaitsForItOnceNotTwice() {
    RateLimits.Attempt attempt = attempt();
    store.answering = false;
    attempt.succeeded();
    assertThat(store.giveBacks).containsExactly("guess-address");
  }
}
