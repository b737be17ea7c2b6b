package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitSettings;

/** A {@link Limiter} on a backend of the test's choosing, for tests outside this package. */
public final class Limiters {

  private Limiters() {
  }

  public static Limiter of(RateLimitSettings settings, RateLimitBackend backend) {
    return new Limiter(settings, backend);
  }
}
