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

  /** The owner's items, sorted by {@code field} ("name" or "id"), one page of them. */
  public java.util.List<Item> page(String owner, String field, boolean ascending, long offset,
      int size) {
    java.util.Comparator<Item> order = field.equals("name")
        ? java.util.Comparator.comparing(Item::name) : java.util.Comparator.comparingLong(Item::id);
    return items.values().stream().filter(i -> i.owner().equals(owner))
        .sorted(ascending ? order : order.reversed()).skip(offset).limit(size).toList();
  }

  public long count(String owner) {
    return items.values().stream().filter(i -> i.owner().equals(owner)).count();
  }

  public Item add(String owner, String name, int quantity) {
    Item i = new Item(ids.incrementAndGet(), owner, name, quantity);
    items.put(i.id(), i);
    return i;
  }
}
