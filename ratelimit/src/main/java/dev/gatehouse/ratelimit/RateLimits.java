package dev.gatehouse.ratelimit;

import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.ratelimit.internal.Limiter;
import dev.gatehouse.ratelimit.internal.RequestAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Limits by a key only known inside a method — an account being logged into, a phone number being
 * texted — under configured policies. Keys are hashed before they reach a store.
 *
 * <p>For guesses at a secret (a password, a one-time code) use {@link #attempt}: it counts
 * failures, per account and client address and per account from anywhere, so that an attacker's
 * wrong guesses do not lock the owner out:
 *
 * <pre>{@code
 * @Inject RateLimits rateLimits;
 *
 * public IssuedTokens login(LoginRequest r) {
 *   RateLimits.Attempt attempt = rateLimits.attempt("login-failures", "login-account", r.email());
 *   if (!passwords.verify(hash, r.password())) throw unauthorized();  // stays counted
 *   attempt.succeeded();  // forgiven, with this address's earlier failures
 *   ...
 * }
 * }</pre>
 */
@ApplicationScoped
public class RateLimits {

  @Inject
  Limiter limiter;
  @Inject
  RequestAddress requestAddress;

  /**
   * Counts one call for {@code key} under {@code policy}.
   *
   * @throws ProblemException 429 with {@code Retry-After} when over the limit
   * @throws IllegalStateException when the policy is not configured
   * @throws dev.gatehouse.core.StoreUnavailableException (503) when the store fails and the
   *     policy says deny
   */
  public void check(String policy, String key) {
    RateLimitPolicy p = limiter.policy(policy);
    refuseIfOver(p, Limiter.bucket(p, "key", Limiter.hashed(key)), key);
  }

  /**
   * Starts an attempt at a secret for the account {@code key}, counted against two policies:
   * {@code addressPolicy} per account and client address — the attacker's own bucket, which a
   * success resets — and {@code accountPolicy} per account from any address, a slower ceiling
   * against guessing spread over many addresses. The attempt takes a permit from both up front (so
   * a thousand parallel guesses cannot all slip through before the first failure is counted) and
   * {@link Attempt#succeeded()} gives them back: only failures stay counted. Over either limit,
   * a 429 whose {@code RATE_LIMITED} event names the policy and the hashed account.
   *
   * <p>The owner is locked out only by the account-wide ceiling, and only while guesses from
   * elsewhere keep it full; size it well above what one address may try (e.g. 5 per 15 minutes
   * per address, 100 per hour per account).
   *
   * @throws ProblemException 429 with {@code Retry-After} when either limit is reached
   * @throws IllegalStateException when a policy is not configured, or outside a request
   * @throws dev.gatehouse.core.StoreUnavailableException (503) when the store fails and the
   *     policy says deny
   */
  public Attempt attempt(String addressPolicy, String accountPolicy, String key) {
    RateLimitPolicy perAddress = limiter.policy(addressPolicy);
    RateLimitPolicy perAccount = limiter.policy(accountPolicy);
    String address = requestAddress.get().map(ClientAddress::bucket).orElseThrow(() ->
        new IllegalStateException("RateLimits.attempt needs the client address of a Jakarta"
            + " REST request; call it from a resource method"));
    String addressBucket = Limiter.bucket(perAddress, "account-ip",
        Limiter.hashed(key + "\n" + address));
    String accountBucket = Limiter.bucket(perAccount, "account", Limiter.hashed(key));
    refuseIfOver(perAddress, addressBucket, key);
    try {
      refuseIfOver(perAccount, accountBucket, key);
    } catch (RuntimeException refused) {
      limiter.giveBack(perAddress, addressBucket, 1);
      throw refused;
    }
    return new Attempt(limiter, perAddress, addressBucket, perAccount, accountBucket);
  }

  /**
   * One attempt started by {@link #attempt}: failed unless {@link #succeeded()} or
   * {@link #notTested()} is called.
   */
  public static final class Attempt {

    private final Limiter limiter;
    private final RateLimitPolicy perAddress;
    private final String addressBucket;
    private final RateLimitPolicy perAccount;
    private final String accountBucket;
    private boolean done;

    Attempt(Limiter limiter, RateLimitPolicy perAddress, String addressBucket,
        RateLimitPolicy perAccount, String accountBucket) {
      this.limiter = limiter;
      this.perAddress = perAddress;
      this.addressBucket = addressBucket;
      this.perAccount = perAccount;
      this.accountBucket = accountBucket;
    }

    /**
     * The secret was right: this attempt is not counted, and the failures from this address for
     * this account are forgiven. Failures from other addresses stay in the account-wide count.
     * When the store cannot take the first give-back, the second is not tried: both stay counted
     * (stricter, never laxer), and the request waits for a failing store once, not twice.
     */
    public synchronized void succeeded() {
      if (done) {
        return;
      }
      done = true;
      if (limiter.giveBack(perAddress, addressBucket, perAddress.limit())) {
        limiter.giveBack(perAccount, accountBucket, 1);
      }
    }

    /**
     * The secret was never tested — the server could not (a saturated password hasher, a store
     * that failed) and answers 503: this attempt is not counted, and earlier failures stay
     * counted. Without it, an overloaded server would count its own refusals as wrong passwords
     * and lock owners out. Call it where the test of the secret throws, before rethrowing.
     */
    public synchronized void notTested() {
      if (done) {
        return;
      }
      done = true;
      if (limiter.giveBack(perAddress, addressBucket, 1)) {
        limiter.giveBack(perAccount, accountBucket, 1);
      }
    }
  }

  private void refuseIfOver(RateLimitPolicy p, String bucket, String account) {
    Optional<Problem> refusal = limiter.take(p, bucket);
    if (refusal.isPresent()) {
      throw new ProblemException(refusal.get().eventAccount(account));
    }
  }
}
