package dev.gatehouse.ownership.readme;

/** Stands in for the reader's own response type. */
public record GadgetView(String name) {
  public static GadgetView of(Gadget gadget) {
    return new GadgetView(gadget.getName());
  }
}
