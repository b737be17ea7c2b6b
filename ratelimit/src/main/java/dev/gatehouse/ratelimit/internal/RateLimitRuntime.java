package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.ratelimit.RateLimitBackend;
import dev.gatehouse.ratelimit.RateLimitSettings;
import dev.gatehouse.redis.GatehouseRedis;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rate-limit state of one application: the policies, and the backend — an application's own
 * {@link RateLimitBackend} bean if it has one, else Redis when {@code gatehouse.redis.url} is set,
 * else in process. It observes the application's start, so policies are validated then on every
 * runtime (and Quarkus keeps the bean although providers only look it up).
 */
@ApplicationScoped
public class RateLimitRuntime {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.ratelimit");

  @Inject
  Instance<Clock> clocks;
  @Inject
  Instance<RateLimitBackend> customBackends;
  @Inject
  GatehouseRedis redis;
  @Inject
  RequestAddress requestAddress;

  private RateLimitSettings settings;
  private Limiter limiter;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    settings(); // reads and validates now: a bad policy stops the application here
  }

  @PostConstruct
  void init() {
    settings = RateLimitSettings.fromConfig(ConfigProvider.getConfig());
    Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
    RateLimitBackend backend = customBackends.isResolvable() ? customBackends.get()
        : redis.client().<RateLimitBackend>map(c -> new RedisBackend(c, clock))
            .orElseGet(() -> new InProcessBackend(settings.maxKeys(), clock));
    limiter = new Limiter(backend);
    LOG.log(System.Logger.Level.INFO, "Gatehouse rate limits active: " + settings + " in "
        + redis.settings().map(Object::toString).orElse("process"));
  }

  public RateLimitSettings settings() {
    return settings;
  }

  public Limiter limiter() {
    return limiter;
  }

  /** The current request's client address (a request-scoped proxy). */
  public RequestAddress requestAddress() {
    return requestAddress;
  }
}
