package dev.gatehouse.example.data;

import dev.gatehouse.core.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * User queries. Emails are stored in their canonical spelling ({@link Emails#canonical}), so
 * uniqueness ignores case, width and look-alike letters.
 */
@ApplicationScoped
public class Users {

  static final int DELETE_ATTEMPTS = 5;

  @Inject
  Database db;

  public static String normalise(String email) {
    return Emails.canonical(email);
  }

  public Optional<User> byEmail(String email) {
    return db.tx(em -> em.createQuery("select u from User u where u.email = :email", User.class)
        .setParameter("email", normalise(email)).getResultStream().findFirst());
  }

  public Optional<User> byId(long id) {
    return db.tx(em -> Optional.ofNullable(em.find(User.class, id)));
  }

  /** The new user, or empty when the email is taken (also when two registrations race). */
  public Optional<User> create(String email, String displayName, String passwordHash,
      Set<String> roles) {
    try {
      return insert(email, displayName, passwordHash, roles);
    } catch (RuntimeException e) {
      if (Database.constraintViolation(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<User> insert(String email, String displayName, String passwordHash,
      Set<String> roles) {
    return db.tx(em -> {
      boolean taken = em.createQuery("select count(u) from User u where u.email = :email",
          Long.class).setParameter("email", normalise(email)).getSingleResult() > 0;
      if (taken) {
        return Optional.empty();
      }
      User u = new User();
      u.email = normalise(email);
      u.displayName = displayName;
      u.passwordHash = passwordHash;
      u.roles.addAll(roles);
      em.persist(u);
      return Optional.of(u);
    });
  }

  public void updatePasswordHash(long id, String hash) {
    db.tx(em -> {
      em.find(User.class, id).passwordHash = hash;
      return null;
    });
  }

  public List<User> page(long offset, int size) {
    return db.tx(em -> em.createQuery("select u from User u order by u.id", User.class)
        .setFirstResult((int) offset).setMaxResults(size).getResultList());
  }

  public long count() {
    return db.tx(em -> em.createQuery("select count(u) from User u", Long.class).getSingleResult());
  }

  /**
   * Deletes the account and every note of it in one transaction; false if it was gone already. A
   * note created meanwhile by a request of the account still in flight (on another instance, say)
   * makes the account's removal break the notes' foreign key: the transaction runs again, taking
   * that note too, at most {@value #DELETE_ATTEMPTS} times — then 503, to be retried.
   */
  public boolean delete(long id) {
    for (int attempt = 1; ; attempt++) {
      try {
        return db.tx(em -> {
          em.createQuery("delete from Note n where n.owner.id = :owner").setParameter("owner", id)
              .executeUpdate();
          User u = em.find(User.class, id);
          if (u == null) {
            return false;
          }
          em.remove(u);
          return true;
        });
      } catch (RuntimeException e) {
        if (!Database.constraintViolation(e)) {
          throw e;
        }
        if (attempt == DELETE_ATTEMPTS) {
          throw StoreUnavailableException.saturated("database", e);
        }
      }
    }
  }

  public Optional<User> setRoles(long id, Set<String> roles) {
    return db.tx(em -> {
      User u = em.find(User.class, id);
      if (u == null) {
        return Optional.empty();
      }
      u.roles.clear();
      u.roles.addAll(roles);
      return Optional.of(u);
    });
  }
}
