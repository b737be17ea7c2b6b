package dev.gatehouse.example.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
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
    return c;
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

  /** No connection came free within {@link PoolSettings#maxWait()}: every one was in use. */
  static final class Exhausted extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    Exhausted(SQLTransientConnectionException timeout) {
      super(timeout.getMessage(), timeout.getSQLState(), timeout);
    }
  }
}
