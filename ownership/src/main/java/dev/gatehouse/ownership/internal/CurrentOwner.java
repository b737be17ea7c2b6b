package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.ownership.Owner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

/** Holds the request's owner, set by {@link OwnerFilter}; produces {@link Owner} for injection. */
@RequestScoped
public class CurrentOwner {

  private Owner owner;

  void set(Owner owner) {
    this.owner = owner;
  }

  /** The owner, or a 401 for anonymous callers. */
  public Owner require() {
    if (owner == null) {
      throw new ProblemException(Problem.unauthorized("owner_required"));
    }
    return owner;
  }

  @Produces
  Owner owner() {
    return require();
  }
}
