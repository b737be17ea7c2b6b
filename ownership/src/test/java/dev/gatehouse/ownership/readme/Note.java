package dev.gatehouse.ownership.readme;

/** Stands in for the reader's own entity (an {@code @Entity} with an owner). */
public class Note {
  public Long id;
  public String title;
}
