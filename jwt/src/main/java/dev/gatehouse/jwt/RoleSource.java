package dev.gatehouse.jwt;

import java.util.Set;

/**
 * The application's own record of who holds which role, asked when a {@link RecheckRoles} method
 * is called (and when a refresh token mints a new access token), so that a role removed in the
 * database stops working at once instead of when the token expires. Provide one CDI bean:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class UserRoles implements RoleSource {
 *   @Inject EntityManager em;
 *   public Set<String> currentRoles(String subject) {
 *     return em.find(User.class, Long.valueOf(subject)).roles();
 *   }
 * }
 * }</pre>
 *
 * <p>Return an empty set for an unknown subject. Throw
 * {@link dev.gatehouse.core.StoreUnavailableException} when the data cannot be read: the caller
 * then gets 503, never access.
 */
@FunctionalInterface
public interface RoleSource {

  Set<String> currentRoles(String subject);
}
