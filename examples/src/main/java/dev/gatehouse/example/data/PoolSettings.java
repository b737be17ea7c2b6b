package dev.gatehouse.example.data;

import dev.gatehouse.core.config.ConfigReader;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * The example's database connection pool: at most {@value #SIZE} connections (default
 * {@value #DEFAULT_SIZE}), and a request waits at most {@value #MAX_WAIT} (default {@code PT1S})
 * for one of them; past that wait it is answered 503 with {@code Retry-After}, so a burst beyond
 * the database's capacity queues briefly and a flood is refused instead of piling up. A statement
 * runs at most {@value #STATEMENT_TIMEOUT} (default {@code PT5S}): a slower one is cancelled by the
 * database, answered 503, and its connection goes back to the pool instead of being held by a
 * runaway query. Environment variables {@code EXAMPLE_DB_POOL_SIZE},
 * {@code EXAMPLE_DB_POOL_MAX_WAIT} and {@code EXAMPLE_DB_STATEMENT_TIMEOUT} set them too.
 *
 * <pre>{@code
 * PoolSettings pool = PoolSettings.builder().size(4).maxWait(Duration.ofMillis(500))
 *     .statementTimeout(Duration.ofSeconds(2)).build();
 * }</pre>
 */
public final class PoolSettings {

  /** Most connections open at once. */
  public static final String SIZE = "example.db.pool-size";
  /** How long a request waits for a free connection. */
  public static final String MAX_WAIT = "example.db.pool-max-wait";
  /** How long one statement may run before the database cancels it. */
  public static final String STATEMENT_TIMEOUT = "example.db.statement-timeout";

  public static final int DEFAULT_SIZE = 10;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

  static final int MAX_SIZE = 100;
  /** HikariCP refuses a shorter connection timeout. */
  static final Duration SHORTEST_WAIT = Duration.ofMillis(250);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
  static final Duration SHORTEST_STATEMENT = Duration.ofMillis(100);
  static final Duration LONGEST_STATEMENT = Duration.ofMinutes(5);

  private final int size;
  private final Duration maxWait;
  private final Duration statementTimeout;

  private PoolSettings(Builder b) {
    this.size = b.size;
    this.maxWait = b.maxWait;
    this.statementTimeout = b.statementTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults: {@value #DEFAULT_SIZE} connections, a wait of at most one second, statements of
   * at most five seconds.
   */
  public static PoolSettings defaults() {
    return builder().build();
  }

  /**
   * Reads {@value #SIZE}, {@value #MAX_WAIT} and {@value #STATEMENT_TIMEOUT}.
   *
   * @throws dev.gatehouse.core.config.GatehouseConfigException naming each bad value and the fix
   */
  public static PoolSettings fromConfig(Config config) {
    return ConfigReader.read(config, in -> {
      Builder b = builder();
      in.longValue(SIZE).ifPresent(v -> in.apply(b::size, v));
      in.duration(MAX_WAIT).ifPresent(v -> in.apply(b::maxWait, v));
      in.duration(STATEMENT_TIMEOUT).ifPresent(v -> in.apply(b::statementTimeout, v));
      return b.build();
    });
  }

  public int size() {
    return size;
  }

  public Duration maxWait() {
    return maxWait;
  }

  public Duration statementTimeout() {
    return statementTimeout;
  }

  @Override
  public String toString() {
    return "PoolSettings[size=" + size + ", maxWait=" + maxWait + ", statementTimeout="
        + statementTimeout + "]";
  }

  /** Validates each value as it is set. */
  public static final class Builder {
    private int size = DEFAULT_SIZE;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;

    private Builder() {
    }

    /**
     * @throws IllegalArgumentException unless from 1 to {@value #MAX_SIZE}
     */
    public Builder size(long connections) {
      if (connections < 1 || connections > MAX_SIZE) {
        throw new IllegalArgumentException(ConfigReader.describe(SIZE, connections,
            "must be from 1 to " + MAX_SIZE + ", e.g. " + DEFAULT_SIZE + "; every instance opens"
                + " that many, so instances times pool size must stay below the database's"
                + " max_connections (100 by default on PostgreSQL)"));
      }
      this.size = (int) connections;
      return this;
    }

    /**
     * @throws IllegalArgumentException unless from {@code PT0.25S} to {@code PT30S}
     */
    public Builder maxWait(Duration wait) {
      Objects.requireNonNull(wait, MAX_WAIT);
      if (wait.compareTo(SHORTEST_WAIT) < 0 || wait.compareTo(LONGEST_WAIT) > 0) {
        throw new IllegalArgumentException(ConfigReader.describe(MAX_WAIT, wait,
            "must be from PT0.25S to PT30S, e.g. PT1S; past it a request is answered 503 with"
                + " Retry-After instead of waiting for a connection"));
      }
      this.maxWait = wait;
      return this;
    }

    /**
     * @throws IllegalArgumentException unless from {@code PT0.1S} to {@code PT5M}
     */
    public Builder statementTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, STATEMENT_TIMEOUT);
      if (timeout.compareTo(SHORTEST_STATEMENT) < 0 || timeout.compareTo(LONGEST_STATEMENT) > 0) {
        throw new IllegalArgumentException(ConfigReader.describe(STATEMENT_TIMEOUT, timeout,
            "must be from PT0.1S to PT5M, e.g. PT5S; the database cancels a slower statement and"
                + " the request is answered 503, its connection back in the pool"));
      }
      this.statementTimeout = timeout;
      return this;
    }

    public PoolSettings build() {
      return new PoolSettings(this);
    }
  }
}
