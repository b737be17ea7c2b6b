package dev.gatehouse.jwt.support;

import dev.gatehouse.core.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes every security event during a jwt test. */
@ApplicationScoped
public class RecordedEvents {

  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  void record(@Observes SecurityEvent event) {
    events.add(event);
  }

  public List<SecurityEvent> all() {
    return List.copyOf(events);
  }

  public void clear() {
    events.clear();
  }
}
