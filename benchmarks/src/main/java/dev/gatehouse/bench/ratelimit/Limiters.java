package dev.gatehouse.bench.ratelimit;

import dev.gatehouse.ratelimit.RateLimitPolicy;
import dev.gatehouse.ratelimit.internal.Limiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Set;

/**
 * One policy, spelled for each limiter: {@value #LIMIT} calls a second per key. A hot key at
 * millions of decisions a second mostly takes the refusal path, in every limiter alike.
 */
public final class Limiters {

  public static final int LIMIT = 1_000_000;
  public static final Duration PERIOD = Duration.ofSeconds(1);

  public static final RateLimitPolicy GATEHOUSE =
      RateLimitPolicy.of("bench", LIMIT, PERIOD, Set.of(RateLimitPolicy.Key.USER));

  public static final BucketConfiguration BUCKET4J = BucketConfiguration.builder()
      .addLimit(Bandwidth.builder().capacity(LIMIT).refillGreedy(LIMIT, PERIOD).build())
      .build();

  public static final RateLimiterConfig RESILIENCE4J = RateLimiterConfig.custom()
      .limitForPeriod(LIMIT)
      .limitRefreshPeriod(PERIOD)
      .timeoutDuration(Duration.ZERO)
      .build();

  private Limiters() {
  }

  /** {@code n} bucket names as {@code @RateLimited(keys = USER)} names them. */
  public static String[] keys(int n) {
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Limiter.bucket(GATEHOUSE, "user", Limiter.hashed("user-" + i));
    }
    return keys;
  }
}
