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

  /**
   * The new note; empty when its owner is gone — the account deleted (on another instance, say)
   * after this request was authenticated, which the notes' foreign key refuses.
   */
  public Optional<Note> create(long owner, String title, String body) {
    try {
      return Optional.of(db.tx(em -> {
        Note n = new Note();
        n.owner = em.getReference(User.class, owner);
        n.title = title;
        n.body = body == null ? "" : body;
        n.createdAt = clock.instant();
        em.persist(n);
        return n;
      }));
    } catch (RuntimeException e) {
      if (Database.constraintViolation(e)) {
        return Optional.empty();
      }
      throw e;
    }
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

  /**
   * The note as changed; empty when it is gone — deleted by another request after this one
   * resolved it, which is the same to the caller as a missing id. One conditional update, not a
   * read then a write: a deletion between the two would fail the write's commit.
   */
  public Optional<Note> update(long id, long owner, String title, String body) {
    return db.tx(em -> {
      int changed = em.createQuery("update Note n set n.title = :title, n.body = :body"
              + " where n.id = :id and n.owner.id = :owner")
          .setParameter("title", title).setParameter("body", body == null ? "" : body)
          .setParameter("id", id).setParameter("owner", owner).executeUpdate();
      return changed == 0 ? Optional.empty() : Optional.ofNullable(em.find(Note.class, id));
    });
  }

  public void delete(long id, long owner) {
    db.tx(em -> em.createQuery("delete from Note n where n.id = :id and n.owner.id = :owner")
        .setParameter("id", id).setParameter("owner", owner).executeUpdate());
  }
}
