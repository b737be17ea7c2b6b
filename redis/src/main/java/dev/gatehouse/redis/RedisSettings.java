package dev.gatehouse.redis;

import dev.gatehouse.core.config.ConfigReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where Gatehouse's shared state lives when several instances run: {@code gatehouse.redis.url}
 * ({@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS; unset = keep
 * state in memory) and {@code gatehouse.redis.timeout} (default {@code PT0.5S}, at most
 * {@code PT10S}): connecting, each command, and waiting for a pooled connection are all bounded by
 * it, so an unreachable Redis costs a request at most that long. A Redis that requires a password
 * ({@code requirepass}, or an ACL user) takes it from {@code gatehouse.redis.password-file} (a
 * mounted secret) or {@code gatehouse.redis.password}, with {@code gatehouse.redis.user} for an
 * ACL user — or from the URL's user info, but not from both. A password in a configuration file
 * packaged inside the application stops the start (see
 * {@link ConfigReader#refusePackaged(String, String)}).
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
 * <p>{@link #toString()} never shows the password; neither does any message about a setting.
 */
public final class RedisSettings {

  public static final String URL = "gatehouse.redis.url";
  public static final String TIMEOUT = "gatehouse.redis.timeout";
  /** The ACL user to authenticate as; unset = the default user. */
  public static final String USER = "gatehouse.redis.user";
  /** The password ({@code AUTH}); prefer {@link #PASSWORD_FILE}. */
  public static final String PASSWORD = "gatehouse.redis.password";
  /** A file holding the password, e.g. a Kubernetes or Docker secret. */
  public static final String PASSWORD_FILE = "gatehouse.redis.password-file";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
  private static final String REQUIRED = URL + ": is required; set it to redis://host:6379 or"
      + " rediss://host:6380 (TLS)";

  private final URI uri;
  private final Duration timeout;
  private final String user;
  private final String password;
  private final boolean passwordInUrl;

  private RedisSettings(Builder b) {
    this.uri = b.uri;
    this.timeout = b.timeout;
    String userInfo = b.uri.getRawUserInfo();
    if (userInfo == null) {
      this.user = b.user;
      this.password = b.password;
      this.passwordInUrl = false;
    } else {
      int colon = userInfo.indexOf(':');
      String u = colon < 0 ? null : decode(userInfo.substring(0, colon));
      this.user = u == null || u.isEmpty() ? null : u;
      this.password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
      this.passwordInUrl = true;
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
    Optional<String> user = in.string(USER);
    user.ifPresent(v -> in.apply(b::user, v));
    Optional<String> password = in.secret(PASSWORD, PASSWORD_FILE);
    password.ifPresent(v -> in.apply(b::password, v));
    Optional<String> url = in.string(URL);
    if (url.isEmpty()) {
      if (user.isPresent() || in.string(PASSWORD).isPresent()
          || in.string(PASSWORD_FILE).isPresent()) {
        in.secretProblem(URL, "is not set, so " + USER + ", " + PASSWORD + " and "
            + PASSWORD_FILE + " would be ignored and state kept in memory; set it to"
            + " redis://host:6379, or remove them");
      }
      return Optional.empty();
    }
    if (!in.apply(b::url, url.get())) {
      return Optional.empty();
    }
    if (!in.refusePackaged(URL, PASSWORD_FILE, RedisSettings::carriesCredentials)) {
      return Optional.empty();
    }
    return in.attempt(b::build);
  }

  /** Whether a URL names a user or password, which then ships wherever the URL does. */
  private static boolean carriesCredentials(String url) {
    try {
      return URI.create(url).getRawUserInfo() != null;
    } catch (IllegalArgumentException notAUrl) {
      return url.contains("@");
    }
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

  /** The ACL user Gatehouse authenticates as; empty for Redis's default user. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password, for {@link RedisConnector} only. */
  Optional<String> password() {
    return Optional.ofNullable(password);
  }

  @Override
  public String toString() {
    String auth = password == null || passwordInUrl ? ""
        : ", auth " + (user == null ? "" : user + ":") + "***";
    return "RedisSettings[" + redact(uri) + auth + ", timeout " + timeout + "]";
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
    private String user;
    private String password;

    private Builder() {
    }

    /** The ACL user to authenticate as ({@code AUTH user password}); needs a password. */
    public Builder user(String name) {
      if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
        throw new IllegalArgumentException(ConfigReader.describe(USER, name,
            "must be a Redis ACL user name without spaces or control characters, e.g."
                + " gatehouse"));
      }
      this.user = name;
      return this;
    }

    /**
     * The password Redis requires ({@code requirepass}, or the ACL user's). A message about it
     * never shows it.
     */
    public Builder password(String secret) {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException(PASSWORD + ": is empty; set the password Redis"
            + " requires, or leave it unset");
      }
      this.password = secret;
      return this;
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
      if (uri.getRawUserInfo() != null && (user != null || password != null)) {
        throw new IllegalArgumentException(URL + ": \"" + redact(uri) + "\" carries credentials"
            + " and " + (password != null ? PASSWORD : USER) + " is set too; keep one: take"
            + " them out of the URL and use " + PASSWORD_FILE + " (a mounted secret)");
      }
      if (user != null && password == null) {
        throw new IllegalArgumentException(ConfigReader.describe(USER, user, "needs a password;"
            + " set " + PASSWORD_FILE + " (a mounted secret) or " + PASSWORD));
      }
      return new RedisSettings(this);
    }
  }
}
