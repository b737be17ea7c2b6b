package dev.gatehouse.ownership.readme;

// readme:owned-resolver
import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.*;
import java.util.Optional;

@ApplicationScoped
public class NoteResolver implements OwnershipResolver<Note> {
  @Inject EntityManager em;

  public Optional<Note> findOwned(String id, Owner owner) {
    return em.createQuery("select n from Note n where n.id = :id and n.owner.id = :owner", Note.class)
        .setParameter("id", Long.valueOf(id))            // malformed id: NumberFormatException, 404
        .setParameter("owner", Long.valueOf(owner.id()))
        .getResultStream().findFirst();
  }

  public boolean exists(String id) {                      // optional: NOT_OWNED events
    return em.find(Note.class, Long.valueOf(id)) != null;
  }
}
// readme:end
