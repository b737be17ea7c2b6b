package dev.gatehouse.example.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * HikariCP, bounded by {@link PoolSettings}, which tells an exhausted pool from an unreachable
 * database: when the wait for a connection runs out while every connection is in use, it throws
 * {@link Exhausted}. HikariCP throws {@code SQLTransientConnectionException} in both cases and
 * attaches the driver's last failure to open a connection as the cause (cleared by the next
 * success); without one, the database is up and only busy.
 */
final class ConnectionPool extends HikariDataSource {

  ConnectionPool(String url, String user, String password, PoolSettings settings) {
    super(config(url, user, password, settings));
  }

  private static HikariConfig config(String url, String user, String password,
      PoolSettings settings) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("notes-db");
    c.setJdbcUrl(url);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(settings.size());
    c.setConnectionTimeout(settings.maxWait().toMillis());
    c.setExceptionOverride(new EvictBroken());
    statementTimeoutSql(url, settings.statementTimeout().toMillis())
        .ifPresent(c::setConnectionInitSql);
    return c;
  }

  /**
   * The session setting that makes the database itself cancel a statement running longer than
   * {@code millis}, on every connection the pool opens: PostgreSQL's {@code statement_timeout},
   * H2's {@code QUERY_TIMEOUT}. A timeout the database enforces also stops a statement the JDBC
   * driver is not waiting on (a flush, a commit's constraint checks); for other databases only the
   * JPA query timeout {@link Database} sets then applies.
   */
  static java.util.Optional<String> statementTimeoutSql(String url, long millis) {
    if (url.startsWith("jdbc:postgresql:")) {
      return java.util.Optional.of("SET statement_timeout = " + millis);
    }
    if (url.startsWith("jdbc:h2:")) {
      return java.util.Optional.of("SET QUERY_TIMEOUT " + millis);
    }
    return java.util.Optional.empty();
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return super.getConnection();
    } catch (SQLTransientConnectionException e) {
      if (e.getCause() == null) {
        throw new Exhausted(e);
      }
      throw e;
    }
  }

  /**
   * Evicts a connection whose driver reports it broken with the JDBC class for it. HikariCP
   * evicts on its own only for SQL states it knows ({@code 08xxx} and a few vendors' codes); H2
   * reports a cut connection as {@code 90067} or {@code 90121}, so without this the pool handed
   * the same dead connections out again for as long as requests kept them busy — a database
   * that came back stayed unreachable for the service until it was restarted.
   */
  static final class EvictBroken implements SQLExceptionOverride {
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
      return e instanceof SQLNonTransientConnectionException
          || e instanceof SQLRecoverableException ? SQLExceptionOverride.Override.MUST_EVICT
          : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
  }

  /** No connection came free within {@link PoolSettings#maxWait()}: every one was in use. */
  static final class Exhausted extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    Exhausted(SQLTransientConnectionException timeout) {
      super(timeout.getMessage(), timeout.getSQLState(), timeout);
    }
  }
}
