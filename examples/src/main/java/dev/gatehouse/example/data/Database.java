package dev.gatehouse.example.data;

import dev.gatehouse.core.StoreUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The database: H2 in memory unless {@code EXAMPLE_DB_URL} (with {@code EXAMPLE_DB_USER},
 * {@code EXAMPLE_DB_PASSWORD}) names another JDBC database such as PostgreSQL. The schema is
 * created at start. Each unit of work runs in its own transaction.
 */
@ApplicationScoped
public class Database {

  private volatile EntityManagerFactory factory;

  private EntityManagerFactory factory() {
    EntityManagerFactory f = factory;
    if (f == null) {
      synchronized (this) {
        if (factory == null) {
          factory = open();
        }
        f = factory;
      }
    }
    return f;
  }

  private static EntityManagerFactory open() {
    var config = ConfigProvider.getConfig();
    Map<String, Object> props = new HashMap<>();
    String url = config.getOptionalValue("example.db.url", String.class)
        .orElse("jdbc:h2:mem:notes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    props.put("jakarta.persistence.jdbc.url", url);
    config.getOptionalValue("example.db.user", String.class)
        .ifPresent(u -> props.put("jakarta.persistence.jdbc.user", u));
    config.getOptionalValue("example.db.password", String.class)
        .ifPresent(p -> props.put("jakarta.persistence.jdbc.password", p));
    return Persistence.createEntityManagerFactory("notes", props);
  }

  /** Runs {@code work} in one transaction; a database outage becomes 503, never 500. */
  public <T> T tx(Function<EntityManager, T> work) {
    EntityManager em;
    try {
      em = factory().createEntityManager();
    } catch (PersistenceException e) {
      throw new StoreUnavailableException("database", e);
    }
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        try {
          tx.rollback();
        } catch (RuntimeException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
      }
      if (lostConnection(e)) {
        throw new StoreUnavailableException("database", e);
      }
      throw e;
    } finally {
      em.close();
    }
  }

  /** Whether the database could not be reached, as opposed to a bug or a refused statement. */
  static boolean lostConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.hibernate.exception.JDBCConnectionException
          || t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
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
    if (factory != null) {
      factory.close();
    }
  }
}
