package dev.gatehouse.redis;

import dev.gatehouse.core.config.ConfigReader;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where Gatehouse's shared state lives when several instances run: {@code gatehouse.redis.url}
 * ({@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS; unset = keep
 * state in memory) and {@code gatehouse.redis.timeout} (default {@code PT0.5S}, at most
 * {@code PT10S}): connecting, each command, and waiting for a pooled connection are all bounded by
 * it, so an unreachable Redis costs a request at most that long.
 *
 * <p>Read from MicroProfile Config, or built in code with {@link #builder()} and given to
 * Gatehouse as a CDI bean, which then replaces the {@code gatehouse.redis.*} properties (see
 * {@link GatehouseRedis}):
 *
 * <pre>{@code
 * @Produces
 * RedisSettings redis() {
 *   return RedisSettings.builder().url(vault.redisUrl()).timeout(Duration.ofMillis(300)).build();
 * }
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class RedisSettings {

  public static final String URL = "gatehouse.redis.url";
  public static final String TIMEOUT = "gatehouse.redis.timeout";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
  private static final String REQUIRED = URL + ": is required; set it to redis://host:6379 or"
      + " rediss://host:6380 (TLS)";

  private final URI uri;
  private final Duration timeout;

  private RedisSettings(Builder b) {
    this.uri = b.uri;
    this.timeout = b.timeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code builder().url(url).timeout(timeout).build()}.
   *
   * @throws IllegalArgumentException naming the property that is wrong
   */
  public static RedisSettings of(String url, Duration timeout) {
    return builder().url(url).timeout(timeout).build();
  }

  /** The settings, or empty when {@code gatehouse.redis.url} is unset (state stays in memory). */
  public static Optional<RedisSettings> fromConfig(Config config) {
    return ConfigReader.read(config, RedisSettings::read);
  }

  static Optional<RedisSettings> read(ConfigReader in) {
    Builder b = builder();
    in.duration(TIMEOUT).ifPresent(v -> in.apply(b::timeout, v));
    Optional<String> url = in.string(URL);
    if (url.isEmpty() || !in.apply(b::url, url.get())) {
      return Optional.empty();
    }
    return in.attempt(b::build);
  }

  public URI uri() {
    return uri;
  }

  public Duration timeout() {
    return timeout;
  }

  public boolean tls() {
    return uri.getScheme().equalsIgnoreCase("rediss");
  }

  @Override
  public String toString() {
    return "RedisSettings[" + redact(uri) + ", timeout " + timeout + "]";
  }

  static String redact(URI uri) {
    String host = uri.getHost() == null ? "?" : uri.getHost();
    return (uri.getScheme() == null ? "" : uri.getScheme() + "://")
        + (uri.getUserInfo() == null ? "" : "***@") + host
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getPath() == null ? "" : uri.getPath());
  }

  /** Validates each value as it is set; the URL is required. */
  public static final class Builder {
    private URI uri;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {
    }

    /**
     * The Redis to use: {@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for
     * TLS. A message about it never shows the password.
     */
    public Builder url(String url) {
      if (url == null) {
        throw new IllegalArgumentException(REQUIRED);
      }
      URI parsed;
      try {
        parsed = URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(URL + ": is not a URL; use redis://host:6379 or"
            + " rediss://host:6380 for TLS");
      }
      String scheme = parsed.getScheme() == null ? ""
          : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("redis") && !scheme.equals("rediss") || parsed.getHost() == null) {
        throw new IllegalArgumentException(URL + ": \"" + redact(parsed) + "\" must look like"
            + " redis://host:6379 or rediss://host:6380 (TLS)");
      }
      String path = parsed.getPath();
      if (path != null && !path.isEmpty() && !path.matches("/[0-9]{0,5}")) {
        throw new IllegalArgumentException(URL + ": \"" + redact(parsed) + "\" names no database"
            + " number; end it with one, e.g. redis://host:6379/0, or with nothing");
      }
      this.uri = parsed;
      return this;
    }

    /** The bound on connecting, each command and waiting for a connection; up to {@code PT10S}. */
    public Builder timeout(Duration bound) {
      if (bound == null || bound.isNegative() || bound.isZero()
          || bound.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(ConfigReader.describe(TIMEOUT, bound,
            "must be more than zero and at most PT10S; a slow store must fail fast, e.g. PT0.5S"));
      }
      this.timeout = bound;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when no URL was set
     */
    public RedisSettings build() {
      if (uri == null) {
        throw new IllegalArgumentException(REQUIRED);
      }
      return new RedisSettings(this);
    }
  }
}
