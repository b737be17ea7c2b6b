package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.core.spi.GatehouseCounter;
import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitBackend.Decision;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import dev.gatehouse.ratelimit.RateLimitSettings;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rate limits of one application: its configured policies, applied to buckets in its backend,
 * with the answers shaped — a 429 problem with {@code Retry-After} (whole seconds, at least 1) and
 * the IETF {@code RateLimit-Policy} / {@code RateLimit} fields
 * (draft-ietf-httpapi-ratelimit-headers), or the quota left for the response headers.
 *
 * <p>Each decision is counted as {@code gatehouse.rate.limit.decisions{policy, outcome}} in the
 * application's metrics registry, when it has one: {@code allowed}, {@code refused}, or — when the
 * store failed — {@code allowed_store_failure} (the policy lets calls through) or
 * {@code refused_store_failure} (a 503). The policy is a configured name, never a bucket's key.
 */
public final class Limiter {

  /** The request property holding the tightest quota left, for the response headers. */
  static final String QUOTA = "dev.gatehouse.ratelimit.quota";

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.ratelimit");
  private static final GatehouseCounter DECISIONS = GatehouseCounter.of(
      "rate.limit.decisions", "Rate-limit decisions, by policy and outcome", "policy",
      "outcome");

  private final RateLimitSettings settings;
  private final RateLimitBackend backend;

  Limiter(RateLimitSettings settings, RateLimitBackend backend) {
    this.settings = settings;
    this.backend = backend;
  }

  /**
   * The configured policy {@code name}.
   *
   * @throws IllegalStateException when it is not configured
   */
  public RateLimitPolicy policy(String name) {
    return settings.policy(name).orElseThrow(() ->
        new IllegalStateException(RateLimitPolicy.PREFIX + name + ".limit is not configured;"
            + " set it and .period"));
  }

  /** What is left of the tightest policy after an allowed call. */
  record Quota(RateLimitPolicy policy, int remaining) {
    String header() {
      return "\"" + policy.name() + "\";r=" + Math.max(0, remaining);
    }
  }

  /** The outcome of applying policies: a refusal, or the quota to report. */
  record Outcome(Optional<Problem> refusal, Quota quota, boolean storeFailureAllowed) {
  }

  /**
   * Takes one permit from {@code bucket} under {@code policy}.
   *
   * @return the 429 problem when the bucket is empty
   * @throws StoreUnavailableException when the store fails and the policy says deny
   */
  public Optional<Problem> take(RateLimitPolicy policy, String bucket) {
    return apply(policy, List.of(bucket)).refusal();
  }

  /**
   * Takes one permit from each bucket of {@code policy}; stops at the first refusal.
   *
   * @throws StoreUnavailableException when the store fails and the policy says deny
   */
  Outcome apply(RateLimitPolicy policy, Collection<String> buckets) {
    Quota tightest = null;
    boolean allowedThroughFailure = false;
    for (String bucket : buckets) {
      Decision d;
      try {
        d = backend.acquire(policy, bucket);
      } catch (StoreUnavailableException e) {
        if (!policy.allowOnStoreFailure()) {
          DECISIONS.increment(policy.name(), "refused_store_failure");
          throw e;
        }
        allowedThroughFailure = true;
        continue;
      }
      if (!d.allowed()) {
        DECISIONS.increment(policy.name(), "refused");
        return new Outcome(Optional.of(tooMany(policy, d)), null, false);
      }
      if (tightest == null || d.remaining() < tightest.remaining()) {
        tightest = new Quota(policy, d.remaining());
      }
    }
    DECISIONS.increment(policy.name(), allowedThroughFailure ? "allowed_store_failure"
        : "allowed");
    return new Outcome(Optional.empty(), tightest, allowedThroughFailure);
  }

  /**
   * Gives back {@code calls} permits of {@code bucket}; a store that cannot answer keeps them
   * counted (stricter, never laxer), logged.
   *
   * @return false when the store could not answer, so that a caller with more to give back does
   *     not wait for the same failing store again
   */
  public boolean giveBack(RateLimitPolicy policy, String bucket, int calls) {
    try {
      backend.giveBack(policy, bucket, calls);
      return true;
    } catch (StoreUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "rate-limit store unavailable: " + calls
          + " call(s) of policy " + policy.name() + " stay counted");
      return false;
    }
  }

  static Problem tooMany(RateLimitPolicy policy, Decision d) {
    long seconds = d.retryAfterSeconds();
    return Problem.of(429)
        .detail("Too many requests; retry after " + seconds + " seconds.")
        .event(SecurityEventType.RATE_LIMITED, policy.name())
        .header("Retry-After", seconds)
        .header("RateLimit-Policy", policy.policyHeader())
        .header("RateLimit", "\"" + policy.name() + "\";r=0;t=" + seconds);
  }

  /** A bucket name: policy, key kind and key; user and application keys are hashed. */
  public static String bucket(RateLimitPolicy policy, String kind, String key) {
    return policy.name() + ":" + kind + ":" + key;
  }

  /**
   * A key as it is stored: {@link SecurityEvent#accountKey(String)}, the same pseudonym events
   * name an account by, so no email address or user name is stored in a bucket name and a
   * refused attempt's event can be matched to its bucket.
   */
  public static String hashed(String key) {
    return SecurityEvent.accountKey(key);
  }

}
