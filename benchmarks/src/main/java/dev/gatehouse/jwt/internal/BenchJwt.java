package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.RefreshTokenStore;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;
import redis.clients.jedis.UnifiedJedis;

/**
 * The benchmarks' door to the package-private verifier and Redis refresh store: same package
 * name, another jar, so the benchmarks measure the very classes the bearer filter and the
 * refresh endpoint use, built as {@code JwtRuntime} builds them (an in-memory deny-list, the
 * system clock).
 */
public final class BenchJwt {

  /** How many verified tokens the verifier keeps: a first-seen pool must be larger. */
  public static final int KEPT_TOKENS = VerifiedTokens.MAX_ENTRIES;

  private BenchJwt() {
  }

  /** Gatehouse's access-token verifier, one per settings, as the bearer filter holds it. */
  public static Verifier verifier(JwtSettings settings) {
    Clock clock = Clock.systemUTC();
    TokenVerifier verifier = new TokenVerifier(settings,
        KeyRing.fixed(SettingsKeys.of(settings), clock), new InMemoryDenyList(clock), clock);
    return token -> {
      try {
        return verifier.verify(token).token();
      } catch (AuthenticationFailure e) {
        // a benchmark that measures refusals by mistake must stop, not report a fast number
        throw new IllegalStateException("Gatehouse refused the benchmark's token: " + e.reason());
      }
    };
  }

  /** Gatehouse's Redis refresh-token store on the given client. */
  public static RefreshTokenStore redisRefreshStore(UnifiedJedis redis) {
    return new RedisRefreshTokenStore(redis);
  }

  /** A verifier that fails loudly on a token Gatehouse refuses. */
  @FunctionalInterface
  public interface Verifier {
    JsonWebToken verify(String token);
  }
}
