package dev.gatehouse.jwt.support;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.jwt.RoleSource;
import dev.gatehouse.jwt.SubjectGoneException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The role data the jwt tests control (the clock comes from core's test support). */
@ApplicationScoped
public class TestBeans implements RoleSource {

  private final Map<String, Set<String>> roles = new ConcurrentHashMap<>();
  private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  /** What the "database" says {@code subject} holds now. */
  public void grant(String subject, Set<String> granted) {
    deleted.remove(subject);
    roles.put(subject, Set.copyOf(granted));
  }

  /** The account of {@code subject} is deleted from the "database". */
  public void delete(String subject) {
    roles.remove(subject);
    deleted.add(subject);
  }

  /** The next question about {@code subject} finds the "database" down, as an outage would. */
  public void failOnce(String subject) {
    failOnce.add(subject);
  }

  @Override
  public Set<String> currentRoles(String subject) {
    if (failOnce.remove(subject)) {
      throw new StoreUnavailableException("database",
          new SQLTransientConnectionException("connection refused"));
    }
    if (deleted.contains(subject)) {
      throw new SubjectGoneException();
    }
    return roles.getOrDefault(subject, Set.of());
  }
}
