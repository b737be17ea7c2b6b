package dev.gatehouse.ownership.readme;

/** Stands in for the reader's own entity. */
public class Gadget {
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
