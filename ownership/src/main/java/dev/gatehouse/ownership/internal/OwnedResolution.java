package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import java.util.Optional;

/**
 * Resolves one owned id: the id sanity-checked, the resolver asked; anything but the owner's object
 * is the one 404 — with a {@code NOT_OWNED} event when the resolver says the object exists.
 */
final class OwnedResolution {

  static final int MAX_ID_LENGTH = 128;

  private OwnedResolution() {
  }

  static <T> T resolve(OwnershipResolver<T> resolver, String id, Owner owner) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH
        || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw notFound(false);
    }
    Optional<T> found;
    try {
      found = resolver.findOwned(id, owner);
      if (found == null || found.isEmpty()) {
        throw notFound(exists(resolver, id));
      }
    } catch (IllegalArgumentException malformed) {
      throw notFound(false);
    } catch (jakarta.ws.rs.WebApplicationException e) {
      throw e; // our 404, or a StoreUnavailableException (503)
    } catch (RuntimeException bug) {
      // Jakarta REST would turn any other exception from a path-parameter converter into a
      // 404; a bug in the resolver is not "not found".
      throw new ProblemException(Problem.unexpected(bug));
    }
    return found.get();
  }

  private static boolean exists(OwnershipResolver<?> resolver, String id) {
    try {
      return resolver.exists(id);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** The same 404 for "missing" and "someone else's", plus an event for the latter. */
  static ProblemException notFound(boolean notOwned) {
    Problem p = Problem.notFound();
    if (notOwned) {
      p.event(SecurityEventType.NOT_OWNED, "not_owner");
    }
    return new ProblemException(p);
  }
}
