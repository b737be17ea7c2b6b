package dev.gatehouse.example.data;

import dev.gatehouse.core.SortSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Note queries; every one that reads or changes a note carries its owner. */
@ApplicationScoped
public class Notes {

  @Inject
  Database db;

  private final Clock clock = Clock.systemUTC();

  public Note create(long owner, String title, String body) {
    return db.tx(em -> {
      Note n = new Note();
      n.owner = em.getReference(User.class, owner);
      n.title = title;
      n.body = body == null ? "" : body;
      n.createdAt = clock.instant();
      em.persist(n);
      return n;
    });
  }

  /** {@code where n.id = :id and n.owner.id = :owner} — never a note of someone else. */
  public Optional<Note> findOwned(long id, long owner) {
    return db.tx(em -> em.createQuery(
            "select n from Note n where n.id = :id and n.owner.id = :owner", Note.class)
        .setParameter("id", id).setParameter("owner", owner).getResultStream().findFirst());
  }

  public boolean exists(long id) {
    return db.tx(em -> em.find(Note.class, id) != null);
  }

  public List<Note> listByOwner(long owner, long offset, int size, SortSpec sort) {
    // the ORDER BY comes from SortSpec's allowlist, never from the caller's text
    return db.tx(em -> em.createQuery("select n from Note n where n.owner.id = :owner order by "
            + sort.orderBy("n") + ", n.id", Note.class)
        .setParameter("owner", owner).setFirstResult((int) offset).setMaxResults(size)
        .getResultList());
  }

  public long countByOwner(long owner) {
    return db.tx(em -> em.createQuery("select count(n) from Note n where n.owner.id = :owner",
        Long.class).setParameter("owner", owner).getSingleResult());
  }

  public Note update(long id, long owner, String title, String body) {
    return db.tx(em -> {
      Note n = em.createQuery("select n from Note n where n.id = :id and n.owner.id = :owner",
          Note.class).setParameter("id", id).setParameter("owner", owner).getSingleResult();
      n.title = title;
      n.body = body == null ? "" : body;
      return n;
    });
  }

  public void delete(long id, long owner) {
    db.tx(em -> em.createQuery("delete from Note n where n.id = :id and n.owner.id = :owner")
        .setParameter("id", id).setParameter("owner", owner).executeUpdate());
  }
}
