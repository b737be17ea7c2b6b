package dev.gatehouse.ownership.readme;

// readme:paging-imports
import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.Sortable;
import jakarta.ws.rs.*;
// readme:end
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The resource around the README's paging and sorting method. */
@Path("/notes")
@RolesAllowed("**")
public class PagedNotesResource {
  @Inject EntityManager em;
  @Inject Owner owner;

  // readme:paging
  @GET
  public Page<NoteView> list(@BeanParam PageRequest page,
      @QueryParam("sort") @DefaultValue("createdAt,desc") @Sortable({"createdAt", "title"}) SortSpec sort) {
    List<NoteView> items = em.createQuery(
            "select n from Note n where n.owner.id = :owner order by " + sort.orderBy("n"), Note.class)
        .setParameter("owner", owner.id())
        .setFirstResult((int) page.offset()).setMaxResults(page.size())
        .getResultStream().map(NoteView::of).toList();
    return Page.of(items, page, count(owner));
  }
  // readme:end

  private long count(Owner owner) {
    return em.createQuery("select count(n) from Note n where n.owner.id = :owner", Long.class)
        .setParameter("owner", owner.id()).getSingleResult();
  }
}
