package dev.gatehouse.ratelimit;

import java.time.Duration;

/**
 * Decides whether one more call fits a bucket. One method, one decision, no read-then-write on the
 * caller's side: the in-process backend decides by compare-and-set, the Redis backend in
 * one Lua script, both with the same GCRA. Both pass the same contract suite,
 * {@code RateLimitBackendContract}, which this module's test jar publishes so that a backend of
 * your own can run it too. May throw
 * {@link dev.gatehouse.core.StoreUnavailableException}; the policy's
 * {@code on-store-failure} decides what happens then.
 */
public interface RateLimitBackend {

  /** The outcome of one call. */
  record Decision(boolean allowed, int remaining, Duration retryAfter) {

    /** Whole seconds until a retry can succeed, at least 1 (RFC 9110 §10.2.3). */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  /**
   * Takes one permit from {@code bucket} under {@code policy}.
   *
   * @param bucket the policy name and the key, e.g. {@code login:ip:192.0.2.1}; never a raw path
   */
  Decision acquire(RateLimitPolicy policy, String bucket);

  /**
   * Gives back {@code calls} permits taken from {@code bucket}: {@code calls >= policy.limit()}
   * empties it. {@link RateLimits#attempt} uses it so that an attempt that succeeded — the owner's
   * login — is not counted as a failure. The default gives nothing back: such a backend counts
   * every attempt, which is stricter, never laxer.
   *
   * @throws dev.gatehouse.core.StoreUnavailableException when the store cannot answer
   */
  default void giveBack(RateLimitPolicy policy, String bucket, int calls) {
  }
}
