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
 * <p>{@link #toString()} never shows the password.
 */
public final class RedisSettings {

  public static final String URL = "gatehouse.redis.url";
  public static final String TIMEOUT = "gatehouse.redis.timeout";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

  private final URI uri;
  private final Duration timeout;

  private RedisSettings(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
  }

  /**
   * Parses and checks a Redis URL.
   *
   * @throws IllegalArgumentException naming {@code gatehouse.redis.url}
   */
  public static RedisSettings of(String url, Duration timeout) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(URL + ": is not a URL; use redis://host:6379 or"
          + " rediss://host:6380 for TLS");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
      throw new IllegalArgumentException(URL + ": \"" + redact(uri) + "\" must look like"
          + " redis://host:6379 or rediss://host:6380 (TLS)");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(ConfigReader.describe(TIMEOUT, timeout,
          "must be more than zero and at most PT10S; a slow store must fail fast, e.g. PT0.5S"));
    }
    return new RedisSettings(uri, timeout);
  }

  /** The settings, or empty when {@code gatehouse.redis.url} is unset (state stays in memory). */
  public static Optional<RedisSettings> fromConfig(Config config) {
    return ConfigReader.read(config, RedisSettings::read);
  }

  static Optional<RedisSettings> read(ConfigReader in) {
    Duration timeout = in.duration(TIMEOUT).orElse(DEFAULT_TIMEOUT);
    Optional<String> url = in.string(URL);
    if (url.isEmpty()) {
      if (in.string(TIMEOUT).isPresent()) {
        in.attempt(() -> of("redis://localhost", timeout));
      }
      return Optional.empty();
    }
    return in.attempt(() -> of(url.get(), timeout));
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
}
