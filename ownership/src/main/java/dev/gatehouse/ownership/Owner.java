package dev.gatehouse.ownership;

import java.util.Set;

/**
 * The authenticated caller as an owner: the subject id (the token's {@code sub}) and roles.
 * Injectable anywhere in a request — list and create operations take the owner from here, never
 * from a parameter the caller could change. Injecting it on an anonymous request answers 401.
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
 * @param id the subject id
 * @param roles the roles the caller's token carries
 */
public record Owner(String id, Set<String> roles) {

  public Owner {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("an owner has a subject id");
    }
    roles = Set.copyOf(roles);
  }
}
