package dev.gatehouse.ownership.readme;

import java.util.List;
import java.util.Optional;

/**
 * Stands in for the reader's own Panache entity ({@code Fruit extends PanacheEntity}): the static
 * {@code find} and the instance {@code delete} that Panache gives it, without Quarkus.
 */
public class Fruit {
  public Long id;
  public String owner;
  public String name;

  public static Query find(String query, Object... params) {
    return new Query(List.of());
  }

  public void delete() {
  }

  /** Panache's {@code PanacheQuery}, as far as the README uses it. */
  public record Query(List<Fruit> results) {
    public Optional<Fruit> firstResultOptional() {
      return results.stream().findFirst();
    }
  }
}
