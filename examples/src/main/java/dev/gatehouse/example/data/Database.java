package dev.gatehouse.example.data;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.core.config.ConfigReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The database: H2 in memory unless {@code EXAMPLE_DB_URL} (with {@code EXAMPLE_DB_USER} and
 * {@code EXAMPLE_DB_PASSWORD_FILE}, a mounted secret, or {@code EXAMPLE_DB_PASSWORD}) names another
 * JDBC database such as PostgreSQL, reached through a
 * bounded HikariCP pool ({@link PoolSettings}: {@code EXAMPLE_DB_POOL_SIZE},
 * {@code EXAMPLE_DB_POOL_MAX_WAIT}). The schema is created at start. Each unit of work runs in its
 * own transaction on one connection; a request that finds every connection busy for longer than
 * the wait is answered 503 with {@code Retry-After}, never 500; so is a statement that runs past
 * {@code EXAMPLE_DB_STATEMENT_TIMEOUT} (default {@code PT5S}), which the database cancels.
 */
@ApplicationScoped
public class Database {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.example");

  private volatile Opened opened;

  /** The pool and the factory on it, closed together. */
  private record Opened(ConnectionPool pool, EntityManagerFactory factory) {
  }

  private EntityManagerFactory factory() {
    Opened o = opened;
    if (o == null) {
      synchronized (this) {
        if (opened == null) {
          opened = open();
        }
        o = opened;
      }
    }
    return o.factory();
  }

  /** The database password, as a value or a file (read and checked as Gatehouse's secrets are). */
  static final String PASSWORD = "example.db.password";
  static final String PASSWORD_FILE = "example.db.password-file";

  /** The database as configured; opened at the first unit of work. */
  public Database() {
  }

  /** The database at {@code url} with {@code settings}, opened now (for tests). */
  Database(String url, PoolSettings settings) {
    this.opened = open(url, null, null, settings);
  }

  private static Opened open() {
    var config = ConfigProvider.getConfig();
    PoolSettings settings = PoolSettings.fromConfig(config);
    String password = ConfigReader.read(config, in -> in.secret(PASSWORD, PASSWORD_FILE))
        .orElse(null);
    String url = config.getOptionalValue("example.db.url", String.class)
        .orElse("jdbc:h2:mem:notes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return open(url, config.getOptionalValue("example.db.user", String.class).orElse(null),
        password, settings);
  }

  private static Opened open(String url, String user, String password, PoolSettings settings) {
    ConnectionPool pool = new ConnectionPool(url, user, password, settings);
    Map<String, Object> properties = new java.util.HashMap<>();
    properties.put("jakarta.persistence.nonJtaDataSource", pool);
    if (ConnectionPool.statementTimeoutSql(url, 1).isEmpty()) {
      // no session setting for this database: a timeout on every JPA query instead. JDBC counts
      // it in whole seconds, and Hibernate rounds down — so round up, as 0 means "no timeout".
      // Not beside a session setting: H2 would take the query's rounded value for the session's.
      long seconds = Math.max(1, (settings.statementTimeout().toMillis() + 999) / 1000);
      properties.put("jakarta.persistence.query.timeout", seconds * 1000);
    }
    try {
      return new Opened(pool, Persistence.createEntityManagerFactory("notes", properties));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Runs {@code work} in one transaction. A database outage becomes 503 (event
   * {@code store_unavailable}), so does a statement the database cancelled at the statement
   * timeout, and a pool whose every connection stayed busy for the whole wait (event
   * {@code store_saturated}); none is ever a 500. Closing the entity manager hands
   * its connection back, which fails on a connection the outage broke: that failure never
   * replaces the outcome — after a commit the work is done and its result stands; after a
   * failure it is added to that failure as suppressed.
   */
  public <T> T tx(Function<EntityManager, T> work) {
    EntityManager em;
    try {
      em = factory().createEntityManager();
    } catch (PersistenceException e) {
      throw new StoreUnavailableException("database", e);
    }
    EntityTransaction tx = em.getTransaction();
    T result;
    try {
      tx.begin();
      result = work.apply(em);
      tx.commit();
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        try {
          tx.rollback();
        } catch (RuntimeException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
      }
      try {
        em.close();
      } catch (RuntimeException closeFailed) {
        e.addSuppressed(closeFailed);
      }
      if (poolExhausted(e)) {
        throw StoreUnavailableException.saturated("database", e);
      }
      if (lostConnection(e) || statementTimedOut(e)) {
        throw new StoreUnavailableException("database", e);
      }
      throw e;
    }
    try {
      em.close();
    } catch (RuntimeException closeFailed) {
      // committed: the pool drops the connection it could not take back, the answer stands
      LOG.log(System.Logger.Level.WARNING, "a database connection could not be handed back"
          + " after a commit: " + closeFailed.getClass().getSimpleName());
    }
    return result;
  }

  /** Whether every pooled connection stayed in use for the whole bounded wait. */
  static boolean poolExhausted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectionPool.Exhausted) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the database could not be reached, as opposed to a bug or a refused statement: a
   * connection exception by its type, or by its SQL state class {@code 08} (SQL standard), as
   * PostgreSQL's driver reports a connection lost during a commit — Hibernate converts such an
   * error into {@code JDBCConnectionException} for a statement but not for the commit, which was
   * a 500 when the database went away between the two (found by the faults-under-load test on
   * PostgreSQL).
   */
  static boolean lostConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.hibernate.exception.JDBCConnectionException
          || t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof java.sql.SQLException sql && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the database cancelled a statement that ran past
   * {@link PoolSettings#statementTimeout()}: SQL state {@code 57014} (PostgreSQL's
   * {@code query_canceled}, H2's cancelled statement), or the JDBC and JPA types for a timeout.
   */
  static boolean statementTimedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof jakarta.persistence.QueryTimeoutException
          || t instanceof org.hibernate.QueryTimeoutException
          || t instanceof java.sql.SQLTimeoutException
          || t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement broke a unique or other integrity constraint. */
  public static boolean constraintViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.hibernate.exception.ConstraintViolationException) {
        return true;
      }
    }
    return false;
  }

  /** Opens the database now, so that a wrong URL stops the start rather than a request. */
  public void start() {
    factory();
  }

  @PreDestroy
  void close() {
    Opened o = opened;
    if (o != null) {
      try {
        o.factory().close();
      } finally {
        o.pool().close();
      }
    }
  }
}
