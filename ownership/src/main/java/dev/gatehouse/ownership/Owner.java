package dev.gatehouse.ownership;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller as an owner: the subject id (the token's {@code sub}) and roles.
 * Injectable anywhere — list and create operations take the owner from here, never from a
 * parameter the caller could change. Calling it on an anonymous request answers 401.
 *
 * <pre>{@code
 * @Inject Owner owner;
 *
 * @GET @RolesAllowed("**")
 * public Page<NoteView> list(@BeanParam PageRequest page) {
 *   return notes.listByOwner(owner.id(), page);
 * }
 * }</pre>
 *
 * <p>The injected {@code Owner} is a {@code @RequestScoped} bean: what is injected is the
 * container's client proxy, and every call answers for the request being served. So it is safe in
 * a resource or service of any scope — {@code @ApplicationScoped}, {@code @Singleton},
 * {@code @Dependent}, or a Quarkus REST resource without a scope annotation, which is a
 * singleton. (It was a {@code @Dependent} record once: a singleton resource then kept its first
 * caller's owner for good and handed that caller's data to everyone after.) For the same reason
 * this is a class, not a record: a client proxy needs a subclass. Calling it outside a request
 * throws the container's {@code ContextNotActiveException}.
 */
public class Owner {

  private final String id;
  private final Set<String> roles;

  /**
   * An owner.
   *
   * @param id the subject id
   * @param roles the roles the caller's token carries
   * @throws IllegalArgumentException when {@code id} is null or blank
   */
  public Owner(String id, Set<String> roles) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("an owner has a subject id");
    }
    this.id = id;
    this.roles = Set.copyOf(roles);
  }

  /** For the CDI container's client proxy only: its calls go to the request's real owner. */
  Owner() {
    this.id = null;
    this.roles = Set.of();
  }

  /** The subject id: the token's {@code sub}. */
  public String id() {
    return id;
  }

  /** The roles the caller's token carries. */
  public Set<String> roles() {
    return roles;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Owner other && Objects.equals(id(), other.id())
        && roles().equals(other.roles());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id(), roles());
  }

  @Override
  public String toString() {
    return "Owner[id=" + id() + ", roles=" + roles() + "]";
  }
}
