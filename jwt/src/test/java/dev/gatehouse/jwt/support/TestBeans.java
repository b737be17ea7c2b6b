package dev.gatehouse.jwt.support;

import dev.gatehouse.jwt.RoleSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The role data the jwt tests control (the clock comes from core's test support). */
@ApplicationScoped
public class TestBeans implements RoleSource {

  private final Map<String, Set<String>> roles = new ConcurrentHashMap<>();

  /** What the "database" says {@code subject} holds now. */
  public void grant(String subject, Set<String> granted) {
    roles.put(subject, Set.copyOf(granted));
  }

  @Override
  public Set<String> currentRoles(String subject) {
    return roles.getOrDefault(subject, Set.of());
  }
}
