package dev.gatehouse.example.api;

import dev.gatehouse.example.data.Note;
import dev.gatehouse.example.data.Notes;
import dev.gatehouse.example.data.Users;
import dev.gatehouse.jwt.RoleSource;
import dev.gatehouse.jwt.SubjectGoneException;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/** The example's answers to Gatehouse's questions: who owns a note, which roles a user holds. */
public final class Security {

  private Security() {
  }

  /** A note, for its owner only: {@code where n.id = :id and n.owner.id = :owner}. */
  @ApplicationScoped
  public static class NoteOwnership implements OwnershipResolver<Note> {
    @Inject
    Notes notes;

    @Override
    public Optional<Note> findOwned(String id, Owner owner) {
      return notes.findOwned(Long.parseLong(id), Long.parseLong(owner.id()));
    }

    @Override
    public boolean exists(String id) {
      return notes.exists(Long.parseLong(id));
    }
  }

  /**
   * The roles the database grants now (for @RecheckRoles and refreshed tokens); a user who is no
   * longer there is gone, and Gatehouse ends the sessions of it.
   */
  @ApplicationScoped
  public static class DatabaseRoles implements RoleSource {
    @Inject
    Users users;

    @Override
    public Set<String> currentRoles(String subject) {
      long id;
      try {
        id = Long.parseLong(subject);
      } catch (NumberFormatException e) {
        throw new SubjectGoneException();
      }
      return users.byId(id).map(u -> Set.copyOf(u.roles))
          .orElseThrow(SubjectGoneException::new);
    }
  }

  /** Seeds admin@example.com with role admin (EXAMPLE_ADMIN_PASSWORD), once. */
  public static void seedAdmin(Users users, dev.gatehouse.passwords.PasswordHasher hasher,
      String password) {
    if (users.byEmail("admin@example.com").isEmpty()) {
      users.create("admin@example.com", "Administrator", hasher.hash(password),
          Set.of("user", "admin"));
    }
  }
}
