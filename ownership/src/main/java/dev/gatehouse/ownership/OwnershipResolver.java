package dev.gatehouse.ownership;

import java.util.Optional;

/**
 * Finds an object by id <em>for its owner</em> — one query that includes the owner, so an object
 * of someone else is never loaded into the request. Provide one CDI bean per owned type:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class NoteResolver implements OwnershipResolver<Note> {
 *   @Inject EntityManager em;
 *
 *   public Optional<Note> findOwned(String id, Owner owner) {
 *     return em.createQuery("select n from Note n where n.id = :id and n.owner.id = :owner", Note.class)
 *         .setParameter("id", Long.valueOf(id))          // a malformed id throws: 404
 *         .setParameter("owner", Long.valueOf(owner.id()))
 *         .getResultStream().findFirst();
 *   }
 *
 *   public boolean exists(String id) {                    // optional: for NOT_OWNED events
 *     return em.find(Note.class, Long.valueOf(id)) != null;
 *   }
 * }
 * }</pre>
 *
 * <p>An {@link IllegalArgumentException} (including {@code NumberFormatException}) means "no
 * such id": 404. Other exceptions are failures: a store outage should throw
 * {@link dev.gatehouse.core.StoreUnavailableException} (503).
 *
 * @param <T> the owned type
 */
public interface OwnershipResolver<T> {

  /** The object with {@code id} if {@code owner} owns it; empty otherwise or if there is none. */
  Optional<T> findOwned(String id, Owner owner);

  /**
   * Whether an object with {@code id} exists for anyone. Only used to fire a {@code NOT_OWNED}
   * security event when someone asks for another's object; the answer is the same 404 either way.
   * The default says "unknown" (no event).
   */
  default boolean exists(String id) {
    return false;
  }
}
