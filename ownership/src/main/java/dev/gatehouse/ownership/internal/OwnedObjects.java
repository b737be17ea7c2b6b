package dev.gatehouse.ownership.internal;

import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The objects {@link OwnedFilter} resolved for the current request, by type and id, so that the
 * parameter converter hands the method the very object whose ownership was checked.
 */
@RequestScoped
public class OwnedObjects {

  private record Key(Class<?> type, String id) {
  }

  private final Map<Key, Object> resolved = new HashMap<>();

  void put(Class<?> type, String id, Object value) {
    resolved.put(new Key(type, id), value);
  }

  Object get(Class<?> type, String id) {
    return resolved.get(new Key(type, id));
  }
}
