package dev.gatehouse.jwt;

import java.util.Set;

/**
 * The application's own record of who holds which role, asked when a {@link RecheckRoles} method
 * is called, when enabled documentation is read ({@code gatehouse.docs.roles}), when a refresh
 * token mints a new access token and when a login's session has been filed, so that a role removed
 * in the database stops working at once instead of when the token expires — and a deleted account
 * stops refreshing, and keeps no session from a login that raced its deletion. Provide one CDI
 * bean (enabled documentation, like {@code @RecheckRoles}, refuses to start without one):
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class UserRoles implements RoleSource {
 *   @Inject EntityManager em;
 *
 *   public Set<String> currentRoles(String subject) {
 *     User u = em.find(User.class, Long.valueOf(subject));
 *     if (u == null) {
 *       throw new SubjectGoneException();       // deleted: its sessions end
 *     }
 *     return u.roles();
 *   }
 * }
 * }</pre>
 *
 * <p>Three answers: the subject's roles now (an empty set when it exists but holds none); a
 * {@link SubjectGoneException} when the subject no longer exists — a refresh then revokes every
 * session of the subject and answers 401, a {@code @RecheckRoles} method and the documentation
 * answer 401; or a {@link dev.gatehouse.core.StoreUnavailableException} when the data cannot be
 * read — the caller then gets 503, never access, and a refresh can be retried with the same
 * refresh token.
 */
@FunctionalInterface
public interface RoleSource {

  /**
   * The roles {@code subject} holds now.
   *
   * @throws SubjectGoneException when the subject no longer exists
   * @throws dev.gatehouse.core.StoreUnavailableException when the data cannot be read
   */
  Set<String> currentRoles(String subject);
}
