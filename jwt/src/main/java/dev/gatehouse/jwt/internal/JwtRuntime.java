package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.AccessTokenDenyList;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RoleSource;
import dev.gatehouse.redis.GatehouseRedis;
import dev.gatehouse.redis.RedisSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import redis.clients.jedis.UnifiedJedis;

/**
 * The jwt module's state for one application, built once from configuration: settings and keys,
 * the verifier, the refresh-token store and the deny-list (an application's own beans of those
 * types win; else the shared {@link GatehouseRedis} client when {@code gatehouse.redis.url} is set;
 * else memory), the clock (an
 * application {@link Clock} bean, e.g. a test's, else UTC) and the application's
 * {@link RoleSource}, if any.
 *
 * <p>It observes the application's start, so settings and keys are validated then on every runtime
 * (and Quarkus keeps the bean although providers only look it up); and it refuses to start beside
 * another verifier of bearer tokens (see {@link IdentityConflicts}).
 */
@ApplicationScoped
public class JwtRuntime {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.jwt");

  @Inject
  Instance<Clock> clocks;
  @Inject
  Instance<RefreshTokenStore> customStores;
  @Inject
  Instance<AccessTokenDenyList> customDenyLists;
  @Inject
  Instance<RoleSource> roleSources;
  @Inject
  GatehouseRedis gatehouseRedis;
  @Inject
  Instance<CurrentToken> currentToken;

  private JwtSettings settings;
  private Clock clock;
  private RefreshTokenStore store;
  private AccessTokenDenyList denyList;
  private Revocations revocations;
  private TokenVerifier verifier;
  private TokenVerifier verifierWithoutDenyList;
  private UnifiedJedis redis;
  private final RefreshTokens refreshTokens = new RefreshTokens();

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    settings(); // reads and validates now: a bad setting stops the application here
  }

  @PostConstruct
  void init() {
    IdentityConflicts.refuseIfPresent();
    dev.gatehouse.jwt.PasswordHasher.PasswordLimits.fromConfig(); // validated now, used lazily
    Config config = ConfigProvider.getConfig();
    settings = JwtSettings.fromConfig(config);
    Optional<RedisSettings> redisSettings = gatehouseRedis.settings();
    clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
    redis = gatehouseRedis.client().orElse(null);
    store = customStores.isResolvable() ? customStores.get()
        : redis != null ? new RedisRefreshTokenStore(redis)
        : new InMemoryRefreshTokenStore(settings.maxFamilies());
    denyList = customDenyLists.isResolvable() ? customDenyLists.get()
        : redis != null ? new RedisDenyList(redis) : new InMemoryDenyList(clock);
    revocations = new Revocations(store, denyList, settings, clock);
    verifier = new TokenVerifier(settings, denyList, clock);
    verifierWithoutDenyList = new TokenVerifier(settings, null, clock);
    LOG.log(System.Logger.Level.INFO, "Gatehouse JWT active: " + settings + ", state in "
        + redisSettings.map(Object::toString).orElse("memory"));
  }

  public JwtSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public RefreshTokenStore store() {
    return store;
  }

  public AccessTokenDenyList denyList() {
    return denyList;
  }

  /** Ends sessions and tokens in the store and the deny-list together. */
  public Revocations revocations() {
    return revocations;
  }

  public TokenVerifier verifier() {
    return verifier;
  }

  /** For {@code gatehouse.jwt.denylist.on-store-failure=allow} while the store is down. */
  public TokenVerifier verifierWithoutDenyList() {
    return verifierWithoutDenyList;
  }

  /** The request's token holder, behind {@code @Inject JsonWebToken}. */
  Instance<CurrentToken> currentToken() {
    return currentToken;
  }

  public RefreshTokens refreshTokens() {
    return refreshTokens;
  }

  /** The application's role source, if it has one. */
  public Optional<RoleSource> roleSource() {
    return roleSources.isResolvable() ? Optional.of(roleSources.get()) : Optional.empty();
  }
}
