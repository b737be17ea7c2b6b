package dev.gatehouse.ownership.readme;

/** Stands in for the reader's own response type. */
public record FruitView(Long id, String name) {
  public static FruitView of(Fruit fruit) {
    return new FruitView(fruit.id, fruit.name);
  }
}
