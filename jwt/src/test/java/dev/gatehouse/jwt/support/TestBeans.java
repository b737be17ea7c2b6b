package dev.gatehouse.jwt.support;

import dev.gatehouse.jwt.RoleSource;
import dev.gatehouse.testkit.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The clock and the role data the jwt tests control. */
@ApplicationScoped
public class TestBeans implements RoleSource {

  private final MutableClock clock = MutableClock.startingNow();
  private final Map<String, Set<String>> roles = new ConcurrentHashMap<>();

  @Produces
  @Singleton
  MutableClock clock() {
    return clock;
  }

  /** What the "database" says {@code subject} holds now. */
  public void grant(String subject, Set<String> granted) {
    roles.put(subject, Set.copyOf(granted));
  }

  @Override
  public Set<String> currentRoles(String subject) {
    return roles.getOrDefault(subject, Set.of());
  }
}
