package dev.gatehouse.ownership.internal;

import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The objects {@link OwnedFilter} resolved for the current request, by type and id, so that the
 * parameter converter hands the method the very object whose ownership was checked — and, for a
 * transactional method, {@link OwnedReload} knows which id each argument came from.
 */
@RequestScoped
public class OwnedObjects {

  private record Key(Class<?> type, String id) {
  }

  private final Map<Key, Object> resolved = new HashMap<>();
  /** By identity: an entity's equals may say two loads of one row are equal. */
  private final Map<Object, String> ids = new IdentityHashMap<>();

  void put(Class<?> type, String id, Object value) {
    resolved.put(new Key(type, id), value);
    ids.put(value, id);
  }

  /** The id this very object was resolved from in this request, or null if it was not. */
  String idOf(Object value) {
    return ids.get(value);
  }

  Object get(Class<?> type, String id) {
    return resolved.get(new Key(type, id));
  }
}
