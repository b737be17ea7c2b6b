package dev.gatehouse.redis;

import dev.gatehouse.core.config.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where Gatehouse's shared state lives when several instances run, in one of three modes:
 *
 * <ul>
 *   <li><b>standalone</b>: {@code gatehouse.redis.url=redis://[user:password@]host:port[/db]}, or
 *       {@code rediss://} for TLS;
 *   <li><b>cluster</b>: {@code gatehouse.redis.url=redis-cluster://host1:port,host2:port,…} (or
 *       {@code rediss-cluster://}), some or all of the cluster's nodes — Jedis's
 *       {@code RedisClusterClient} discovers the rest and follows the slots;
 *   <li><b>Sentinel</b>: {@code gatehouse.redis.sentinels=host1:26379,host2:26379,…} and
 *       {@code gatehouse.redis.master-name}, instead of a URL — Jedis's
 *       {@code RedisSentinelClient} asks the sentinels for the master and follows a failover.
 * </ul>
 *
 * <p>Unset, state stays in memory. {@code gatehouse.redis.wait-replicas} (default 0) makes each
 * rotation and revocation wait ({@code WAIT}) until that many replicas have it, so that a
 * failover cannot bring back a rotated or revoked token (see {@link Durability});
 * {@code gatehouse.redis.timeout} (default {@code PT0.5S}, at most
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
  /** Sentinel mode: the sentinels, {@code host:port,host:port,…}. */
  public static final String SENTINELS = "gatehouse.redis.sentinels";
  /** Sentinel mode: the name the sentinels monitor the master under. */
  public static final String MASTER_NAME = "gatehouse.redis.master-name";
  /** Replicas that must acknowledge a rotation or revocation before it is answered. */
  public static final String WAIT_REPLICAS = "gatehouse.redis.wait-replicas";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  static final int MAX_WAIT_REPLICAS = 16;

  /** How Gatehouse reaches Redis. */
  public enum Mode {
    /** One server (which may have replicas of its own). */
    STANDALONE,
    /** A Redis Cluster: keys spread over masters by hash slot. */
    CLUSTER,
    /** A master found through Redis Sentinel, followed across failovers. */
    SENTINEL
  }
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
  private static final String REQUIRED = URL + ": is required; set it to redis://host:6379 or"
      + " rediss://host:6380 (TLS), or set " + SENTINELS + " and " + MASTER_NAME;

  private final Mode mode;
  private final List<String> nodes;
  private final String masterName;
  private final int database;
  private final boolean tls;
  private final String shownUrl;
  private final Duration timeout;
  private final int waitReplicas;
  private final String user;
  private final String password;
  private final boolean passwordInUrl;

  private RedisSettings(Builder b) {
    this.mode = b.mode;
    this.nodes = List.copyOf(b.nodes);
    this.masterName = b.masterName;
    this.database = b.database;
    this.tls = b.tls;
    this.shownUrl = b.shownUrl;
    this.timeout = b.timeout;
    this.waitReplicas = b.waitReplicas;
    String userInfo = b.userInfo;
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
    in.longValue(WAIT_REPLICAS).ifPresent(v -> in.apply(b::waitReplicas, v));
    Optional<String> url = in.string(URL);
    Optional<String> sentinels = in.string(SENTINELS);
    Optional<String> masterName = in.string(MASTER_NAME);
    if (url.isEmpty() && sentinels.isEmpty()) {
      List<String> ignored = java.util.stream.Stream.of(USER, PASSWORD, PASSWORD_FILE,
          MASTER_NAME, WAIT_REPLICAS).filter(p -> in.string(p).isPresent()).toList();
      if (!ignored.isEmpty()) {
        in.secretProblem(URL, "is not set (nor " + SENTINELS + "), so " + String.join(", ",
            ignored) + " would be ignored and state kept in memory; set it to redis://host:6379"
            + " (or " + SENTINELS + " and " + MASTER_NAME + "), or remove "
            + (ignored.size() == 1 ? "it" : "them"));
      }
      return Optional.empty();
    }
    if (url.isPresent() && sentinels.isPresent()) {
      in.secretProblem(URL, "and " + SENTINELS + " are both set; keep one: the URL for one"
          + " server or a cluster, the sentinels (with " + MASTER_NAME + ") for Sentinel");
      return Optional.empty();
    }
    if (url.isPresent() && !in.apply(b::url, url.get())) {
      return Optional.empty();
    }
    if (sentinels.isPresent() && !in.apply(b::sentinels, sentinels.get())) {
      return Optional.empty();
    }
    masterName.ifPresent(v -> in.apply(b::masterName, v));
    if (url.isEmpty()) {
      return in.attempt(b::build);
    }
    if (!in.refusePackaged(URL, PASSWORD_FILE, RedisSettings::carriesCredentials)) {
      return Optional.empty();
    }
    return in.attempt(b::build);
  }

  /** Whether a URL names a user or password, which then ships wherever the URL does. */
  private static boolean carriesCredentials(String url) {
    return url.contains("@");
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Where to connect, each {@code host:port}: the server (standalone), the nodes given (cluster;
   * the client discovers the others), or the sentinels.
   */
  public List<String> nodes() {
    return nodes;
  }

  /** Sentinel mode: the name the sentinels know the master by. */
  public Optional<String> masterName() {
    return Optional.ofNullable(masterName);
  }

  /** The database number (standalone and Sentinel; a cluster has only database 0). */
  public int database() {
    return database;
  }

  public Duration timeout() {
    return timeout;
  }

  public boolean tls() {
    return tls;
  }

  /**
   * How many replicas must acknowledge a rotation or revocation ({@code WAIT}) before it is
   * answered; 0 answers once the master has it.
   */
  public int waitReplicas() {
    return waitReplicas;
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
    String where = mode == Mode.SENTINEL ? "sentinel " + masterName + "@" + String.join(",",
        nodes) + (database == 0 ? "" : "/" + database) : shownUrl;
    return "RedisSettings[" + where + auth + ", timeout " + timeout
        + (waitReplicas == 0 ? "" : ", wait-replicas " + waitReplicas) + "]";
  }

  /** A URL as messages show it: credentials replaced by {@code ***}. */
  static String redact(String url) {
    return url.replaceAll("(?<=://)[^/]*@", "***@"); // up to the authority's last @
  }

  /** Validates each value as it is set; a URL, or sentinels and a master name, are required. */
  public static final class Builder {
    private Mode mode;
    private List<String> nodes = List.of();
    private String masterName;
    private int database;
    private boolean tls;
    private String shownUrl;
    private String userInfo;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int waitReplicas;
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
     * The Redis to use: {@code redis://[user:password@]host:port[/db]} ({@code rediss://} for
     * TLS), or a cluster: {@code redis-cluster://[user:password@]host:port,host:port,…}
     * ({@code rediss-cluster://} for TLS). A message about it never shows the password.
     */
    public Builder url(String url) {
      if (url == null) {
        throw new IllegalArgumentException(REQUIRED);
      }
      String text = url.trim();
      int colon = text.indexOf("://");
      String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
      boolean cluster = scheme.equals("redis-cluster") || scheme.equals("rediss-cluster");
      if (!cluster && !scheme.equals("redis") && !scheme.equals("rediss")) {
        throw new IllegalArgumentException(URL + ": \"" + redact(text) + "\" must look like"
            + " redis://host:6379, rediss://host:6380 (TLS) or redis-cluster://host1:6379,"
            + "host2:6379 (a cluster)");
      }
      String rest = text.substring(colon + 3);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "" : rest.substring(slash);
      int at = authority.lastIndexOf('@');
      String info = at < 0 ? null : authority.substring(0, at);
      String hosts = authority.substring(at + 1);
      if (info != null && info.indexOf('@') >= 0) {
        throw new IllegalArgumentException(URL + ": \"" + redact(text) + "\" has an @ in its"
            + " credentials; write it %40, or take the password out of the URL and use "
            + PASSWORD_FILE);
      }
      int db = 0;
      if (!path.isEmpty() && !path.equals("/")) {
        if (cluster) {
          throw new IllegalArgumentException(URL + ": \"" + redact(text) + "\" names a"
              + " database, but a cluster has only database 0; end it after the last node");
        }
        if (!path.matches("/[0-9]{1,5}")) {
          throw new IllegalArgumentException(URL + ": \"" + redact(text) + "\" names no"
              + " database number; end it with one, e.g. redis://host:6379/0, or with nothing");
        }
        db = Integer.parseInt(path.substring(1));
      }
      List<String> parsed = new ArrayList<>();
      for (String node : hosts.split(",", -1)) {
        parsed.add(node(URL, redact(text), node, 6379));
      }
      if (!cluster && parsed.size() > 1) {
        throw new IllegalArgumentException(URL + ": \"" + redact(text) + "\" names several"
            + " servers; for a cluster start it with redis-cluster://, for Sentinel set "
            + SENTINELS + " and " + MASTER_NAME + " instead");
      }
      this.mode = cluster ? Mode.CLUSTER : Mode.STANDALONE;
      this.nodes = List.copyOf(parsed);
      this.database = db;
      this.tls = scheme.startsWith("rediss");
      this.userInfo = info;
      this.shownUrl = redact(text);
      return this;
    }

    /** Sentinel mode: the sentinels, {@code host:port,host:port,…} (port 26379 when left out). */
    public Builder sentinels(String hostsAndPorts) {
      if (hostsAndPorts == null || hostsAndPorts.isBlank()) {
        throw new IllegalArgumentException(SENTINELS + ": is empty; list the sentinels, e.g."
            + " sentinel1:26379,sentinel2:26379,sentinel3:26379");
      }
      List<String> parsed = new ArrayList<>();
      for (String node : hostsAndPorts.split(",", -1)) {
        parsed.add(node(SENTINELS, hostsAndPorts, node, 26379));
      }
      this.mode = Mode.SENTINEL;
      this.nodes = List.copyOf(parsed);
      this.tls = false;
      this.userInfo = null;
      this.shownUrl = null;
      return this;
    }

    /** Sentinel mode: the name the sentinels monitor the master under ({@code sentinel monitor}). */
    public Builder masterName(String name) {
      if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException(ConfigReader.describe(MASTER_NAME, name,
            "must be the master's name as the sentinels monitor it: letters, digits, . _ -,"
                + " e.g. mymaster"));
      }
      this.masterName = name;
      return this;
    }

    /**
     * How many replicas must acknowledge each rotation and revocation before it is answered, 0
     * to {@value #MAX_WAIT_REPLICAS}; default 0. Waited for up to the timeout; fewer
     * acknowledgements answer as a store failure.
     */
    public Builder waitReplicas(long replicas) {
      if (replicas < 0 || replicas > MAX_WAIT_REPLICAS) {
        throw new IllegalArgumentException(ConfigReader.describe(WAIT_REPLICAS, replicas,
            "must be from 0 to " + MAX_WAIT_REPLICAS + ": the replicas that must have a"
                + " rotation or revocation before it is answered, e.g. 1"));
      }
      this.waitReplicas = (int) replicas;
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
     * @throws IllegalArgumentException when neither a URL nor sentinels were set, or the
     *     combination does not hold
     */
    public RedisSettings build() {
      if (mode == null) {
        throw new IllegalArgumentException(REQUIRED);
      }
      if (mode == Mode.SENTINEL && masterName == null) {
        throw new IllegalArgumentException(MASTER_NAME + ": is required with " + SENTINELS
            + "; set it to the name the sentinels monitor the master under, e.g. mymaster");
      }
      if (mode != Mode.SENTINEL && masterName != null) {
        throw new IllegalArgumentException(ConfigReader.describe(MASTER_NAME, masterName,
            "is set, but " + SENTINELS + " is not; set the sentinels, or remove it"));
      }
      if (userInfo != null && (user != null || password != null)) {
        throw new IllegalArgumentException(URL + ": \"" + shownUrl + "\" carries credentials"
            + " and " + (password != null ? PASSWORD : USER) + " is set too; keep one: take"
            + " them out of the URL and use " + PASSWORD_FILE + " (a mounted secret)");
      }
      if (user != null && password == null) {
        throw new IllegalArgumentException(ConfigReader.describe(USER, user, "needs a password;"
            + " set " + PASSWORD_FILE + " (a mounted secret) or " + PASSWORD));
      }
      return new RedisSettings(this);
    }

    /** {@code host:port} ({@code defaultPort} when left out), checked; IPv6 hosts in brackets. */
    private static String node(String property, String shown, String text, int defaultPort) {
      String node = text.trim();
      URI uri;
      try {
        uri = new URI("redis://" + node);
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (node.isEmpty() || uri == null || uri.getHost() == null || uri.getRawUserInfo() != null
          || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(property + ": \"" + shown + "\" has \""
            + redact("x://" + node).substring(4) + "\" where a host:port belongs, e.g."
            + " cache-1:" + defaultPort);
      }
      return uri.getHost() + ":" + (uri.getPort() < 0 ? defaultPort : uri.getPort());
    }
  }
}
