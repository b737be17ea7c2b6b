package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.OptionalModule;
import dev.gatehouse.core.spi.SettingsInForce;
import dev.gatehouse.ratelimit.GatehouseRateLimitFeature;
import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the rate limits of one application and hands out their parts: the settings — read from
 * the injected {@link Config}, or built in code and given through
 * {@link GatehouseRateLimitFeature} — and the {@link Limiter} applying them with the backend (an
 * application's own {@link RateLimitBackend} bean if it has one, else Redis when the application
 * brings {@code gatehouse-redis} and sets {@code gatehouse.redis.url} or sentinels — see
 * {@link RedisBackends} —, else in process). Filters take the limiter and the request
 * address from it once; {@link dev.gatehouse.ratelimit.RateLimits} has the limiter injected.
 *
 * <p>It observes the application's start, so policies are validated then on every runtime (and
 * Quarkus keeps the bean although providers only look it up).
 */
@ApplicationScoped
public class RateLimitRuntime {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.ratelimit");

  @Inject
  Config config;
  @Inject
  Instance<Clock> clocks;
  @Inject
  Instance<RateLimitBackend> customBackends;
  @Inject
  RequestAddress requestAddress;

  /** Whether gatehouse-redis is on the class path. */
  private boolean redis;
  private final SettingsInForce<RateLimitSettings, Limiter> limits =
      new SettingsInForce<>("GatehouseRateLimitFeature", this::limiterOf);

  /** The runtime of the running application. */
  public static RateLimitRuntime current() {
    return CDI.current().select(RateLimitRuntime.class).get();
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    limits.settings(); // read and validated by now: a bad policy stops the application here
  }

  @PostConstruct
  void init() {
    redis = OptionalModule.REDIS.present(config, RateLimitRuntime.class);
    limits.use(RateLimitSettings.fromConfig(config));
  }

  /**
   * Replaces the settings read from configuration with settings built in code.
   *
   * @throws IllegalStateException when endpoints were prepared, or limits applied, under the
   *     configured settings already — the new ones would be enforced only in part
   */
  public void use(RateLimitSettings explicit) {
    limits.use(explicit);
  }

  private Limiter limiterOf(RateLimitSettings s) {
    Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
    boolean custom = customBackends.isResolvable();
    RedisBackends.Shared shared = redis && !custom ? RedisBackends.open(clock).orElse(null) : null;
    RateLimitBackend backend = custom ? customBackends.get()
        : shared != null ? shared.backend() : new InProcessBackend(s.maxKeys(), clock);
    LOG.log(System.Logger.Level.INFO, "Gatehouse rate limits active: " + s + " in "
        + (custom ? "the application's RateLimitBackend"
            : shared == null ? "process" : shared.description()));
    return new Limiter(s, backend);
  }

  /** The policies {@code endpoint} must pass under the settings in force. */
  RateLimitPlan plan(Endpoint endpoint) {
    limits.enforce();
    return RateLimitPlan.of(endpoint, limits.settings());
  }

  /** The limiter of the settings in force, for filters and, as a bean, for RateLimits. */
  @Produces
  Limiter limiter() {
    return limits.enforce();
  }

  /** The current request's client address (a request-scoped proxy). */
  RequestAddress requestAddress() {
    return requestAddress;
  }
}
