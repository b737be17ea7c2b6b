package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.spi.OptionalModule;
import dev.gatehouse.core.spi.SettingsInForce;
import dev.gatehouse.jwt.AccessTokenDenyList;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.TokenClaims;
import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RoleSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * The jwt module's state for one application, built once from configuration: settings and keys,
 * the verifier, the refresh-token store and the deny-list (an application's own beans of those
 * types win; else Redis when the application brings {@code gatehouse-redis} and sets
 * {@code gatehouse.redis.url} or sentinels — see {@link RedisStores}; else memory), the clock (an
 * application {@link Clock} bean, e.g. a test's, else UTC) and the application's
 * {@link RoleSource}, if any.
 *
 * <p>Settings come from the application's MicroProfile Config, or from code
 * ({@link #use(JwtSettings)}, what {@code new GatehouseJwtFeature(settings)} does). It observes the
 * application's start, so properties and keys are validated then on every runtime (and Quarkus
 * keeps the bean although providers only look it up) — unless no {@code gatehouse.jwt} property is
 * set at all: then the settings are expected from code, and an application that brings none is
 * refused when its first endpoint is prepared, still at start-up. It refuses to start beside
 * another verifier of bearer tokens (see {@link IdentityConflicts}).
 */
@ApplicationScoped
public class JwtRuntime {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.jwt");

  @Inject
  Config config;
  @Inject
  Instance<Clock> clocks;
  @Inject
  Instance<RefreshTokenStore> customStores;
  @Inject
  Instance<AccessTokenDenyList> customDenyLists;
  @Inject
  Instance<RoleSource> roleSources;
  @Inject
  Instance<CurrentToken> currentToken;

  private final RefreshTokens refreshTokens = new RefreshTokens();
  private Clock clock;
  private RedisStores.Stores redis;
  private String stateIn;
  private final SettingsInForce<JwtSettings, InForce> jwt =
      new SettingsInForce<>("GatehouseJwtFeature", this::inForceOf);
  private GatehouseConfigException unconfigured;
  private JwtSettings configured;

  /** The settings in force and what is built from them, replaced together. */
  private record InForce(JwtSettings settings, KeyRing keys, RefreshTokenStore store,
      Revocations revocations, TokenVerifier verifier) {
  }

  /** The runtime of the running application. */
  public static JwtRuntime current() {
    return CDI.current().select(JwtRuntime.class).get();
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // delivering the event creates the bean, whose init() reads and validates the settings now
  }

  @PostConstruct
  void init() {
    IdentityConflicts.refuseIfPresent();
    clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
    redis = OptionalModule.REDIS.present(config, JwtRuntime.class)
        ? RedisStores.open().orElse(null) : null;
    stateIn = redis == null ? "memory" : redis.description();
    try {
      configured = JwtSettings.fromConfig(config);
      use(configured);
    } catch (GatehouseConfigException refused) {
      if (anyPropertySet()) {
        throw refused;
      }
      unconfigured = refused;
    }
  }

  /** Whether any {@code gatehouse.jwt} property is set, as a property or environment variable. */
  private boolean anyPropertySet() {
    for (String name : config.getPropertyNames()) {
      if (name.toLowerCase(Locale.ROOT).replace('_', '.').startsWith("gatehouse.jwt.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts settings built in code in force instead of those read from configuration; called while
   * the application is configured, before its first request.
   *
   * @throws IllegalStateException when endpoints were prepared, tokens verified or issued under
   *     the configured settings already — the new ones would be enforced only in part
   */
  public void use(JwtSettings settings) {
    jwt.use(settings);
  }

  private InForce inForceOf(JwtSettings settings) {
    RefreshTokenStore store = customStores.isResolvable() ? customStores.get()
        : redis != null ? redis.store()
        : new InMemoryRefreshTokenStore(settings.maxFamilies());
    AccessTokenDenyList denyList = customDenyLists.isResolvable() ? customDenyLists.get()
        : redis != null ? redis.denyList() : new InMemoryDenyList(clock);
    KeyRing keys = keyRing(settings);
    LOG.log(System.Logger.Level.INFO, "Gatehouse JWT active: " + settings + ", state in "
        + stateIn);
    if (settings.maxTokenAge().compareTo(JwtSettings.MAX_ACCESS_TTL) > 0) {
      LOG.log(System.Logger.Level.WARNING, "Gatehouse JWT accepts tokens living up to "
          + settings.maxTokenAge() + " (" + JwtSettings.MAX_TOKEN_AGE + "), above the "
          + JwtSettings.MAX_ACCESS_TTL + " default: a stolen token works that long, and a revoked"
          + " user keeps access until it expires. Shorten the issuer's access-token lifetime and"
          + " lower this setting when you can");
    }
    if (!settings.claims().requireJti()) {
      LOG.log(System.Logger.Level.INFO, "Gatehouse JWT accepts tokens without jti ("
          + TokenClaims.REQUIRE_JTI + "=false): such a token cannot be deny-listed by itself,"
          + " only by its session (sid) or its expiry");
    }
    return new InForce(settings, keys, store, new Revocations(store, denyList, settings, clock),
        new TokenVerifier(settings, keys, denyList, clock));
  }

  /**
   * Keys from a JWKS URL are fetched again every {@code key-refresh-interval} and on an unknown
   * kid; keys read from files (settings from configuration, a {@code *-file} property set) are
   * read again every {@code key-refresh-interval}; keys from code or property values stay as they
   * are. Settings from configuration are read again whole, so a signing-key file beside a JWKS
   * URL rotates too.
   */
  private KeyRing keyRing(JwtSettings settings) {
    KeySet keys = SettingsKeys.of(settings);
    boolean configuredHere = settings == configured;
    UnaryOperator<KeySet> reread = active -> SettingsKeys.of(JwtSettings.fromConfig(config));
    if (settings.verificationKeysUrl().isPresent()) {
      URI url = settings.verificationKeysUrl().get();
      Duration timeout = settings.verificationKeysUrlTimeout();
      return KeyRing.fetching(keys, url, configuredHere ? reread
          : active -> KeySetBuilder.refetch(active, url, timeout), timeout,
          settings.keyRefreshInterval(), settings.unknownKidRefetchInterval(), clock);
    }
    boolean fromFiles = configuredHere && Stream.of(
        JwtSettings.SECRET_FILE, JwtSettings.SIGN_KEY_FILE, JwtSettings.VERIFY_KEYS_FILE)
        .anyMatch(p -> config.getOptionalValue(p, String.class).filter(v -> !v.isBlank())
            .isPresent());
    if (!fromFiles) {
      return KeyRing.fixed(keys, clock);
    }
    return KeyRing.refreshing(keys, () -> reread.apply(null), settings.keyRefreshInterval(),
        settings.maxTokenAge().plus(settings.clockSkew()), clock);
  }

  /**
   * @throws GatehouseConfigException when nothing is configured, by properties or in code
   */
  private InForce inForce() {
    if (jwt.settings() == null) {
      List<String> problems = new ArrayList<>(unconfigured.problems());
      problems.add("gatehouse.jwt.*: none is set; set the properties above, or build the"
          + " settings in code and register new GatehouseJwtFeature(JwtSettings.builder()..."
          + ".build()) before any other Gatehouse feature");
      throw new GatehouseConfigException(problems);
    }
    return jwt.enforce();
  }

  /**
   * The settings in force.
   *
   * @throws GatehouseConfigException when nothing is configured, by properties or in code
   */
  public JwtSettings settings() {
    return inForce().settings();
  }

  public Clock clock() {
    return clock;
  }

  public RefreshTokenStore store() {
    return inForce().store();
  }

  /** Ends sessions and tokens in the store and the deny-list together. */
  public Revocations revocations() {
    return inForce().revocations();
  }

  TokenVerifier verifier() {
    return inForce().verifier();
  }

  /** The keys in force: the one that signs now, and those that verify. */
  public KeyRing keys() {
    return inForce().keys();
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
