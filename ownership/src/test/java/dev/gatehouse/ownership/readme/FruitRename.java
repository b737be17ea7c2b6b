package dev.gatehouse.ownership.readme;

/** Stands in for the reader's own request type. */
public record FruitRename(String name) {
}
