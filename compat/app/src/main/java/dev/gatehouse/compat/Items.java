package dev.gatehouse.compat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The items, in memory: item 1 belongs to alice, item 2 to bob. */
@ApplicationScoped
public class Items {

  /** One item. */
  public record Item(long id, String owner, String name, int quantity) {
  }

  private final Map<Long, Item> items = new ConcurrentHashMap<>(Map.of(
      1L, new Item(1, "alice", "alice's lamp", 1),
      2L, new Item(2, "bob", "bob's chair", 2)));
  private final AtomicLong ids = new AtomicLong(100);

  public Item get(long id) {
    return items.get(id);
  }

  public Item add(String owner, String name, int quantity) {
    Item i = new Item(ids.incrementAndGet(), owner, name, quantity);
    items.put(i.id(), i);
    return i;
  }
}
