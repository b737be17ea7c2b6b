package dev.gatehouse.ratelimit;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.ratelimit.internal.Limiter;
import dev.gatehouse.ratelimit.internal.RateLimitRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Limits by a key only known inside a method — an account being logged into, a phone number being
 * texted — under a configured policy. Keys are hashed before they reach a store.
 *
 * <pre>{@code
 * @Inject RateLimits rateLimits;
 *
 * public IssuedTokens login(LoginRequest r) {
 *   rateLimits.check("login-account", r.email().toLowerCase(Locale.ROOT));
 *   ...
 * }
 * }</pre>
 */
@ApplicationScoped
public class RateLimits {

  @Inject
  RateLimitRuntime runtime;

  /**
   * Counts one call for {@code key} under {@code policy}.
   *
   * @throws ProblemException 429 with {@code Retry-After} when over the limit
   * @throws IllegalStateException when the policy is not configured
   * @throws dev.gatehouse.core.StoreUnavailableException (503) when the store fails and the
   *     policy says deny
   */
  public void check(String policy, String key) {
    RateLimitPolicy p = runtime.settings().policy(policy).orElseThrow(() ->
        new IllegalStateException(RateLimitPolicy.PREFIX + policy + ".limit is not configured;"
            + " set it and .period"));
    Limiter.Outcome outcome = runtime.limiter().apply(p,
        List.of(Limiter.bucket(p, "key", Limiter.hashed(key))));
    if (outcome.refusal().isPresent()) {
      jakarta.ws.rs.core.Response r = outcome.refusal().get();
      throw new ProblemException((Problem) r.getEntity(), r);
    }
  }
}
