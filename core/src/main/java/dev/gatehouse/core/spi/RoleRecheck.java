package dev.gatehouse.core.spi;

import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;

/**
 * Asks the application's own data, not the caller's credentials, whether the caller still holds a
 * role — for Gatehouse's own modules. A token's roles are what was true when it was issued; a
 * demoted administrator's token still says {@code admin} until it expires. Core's documentation
 * gate asks this on every request to documentation, after the credentials' roles have admitted
 * the caller; a module offers it through {@link GatehouseModule#roleRecheck()} (the jwt module,
 * through the application's {@code RoleSource}, with the semantics of {@code @RecheckRoles}).
 *
 * <pre>{@code
 * switch (recheck.recheck(request.getSecurityContext(), Set.of("admin"))) {
 *   case HELD -> { }                                          // let the request through
 *   case NOT_HELD -> request.abortWith(forbidden);            // 403
 *   case SUBJECT_GONE -> request.abortWith(unauthorized);     // 401
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RoleRecheck {

  /** What the application's data says about the caller. */
  enum Answer {
    /** The caller holds at least one of the roles now. */
    HELD,
    /** The caller exists but holds none of the roles now (or the data gave no answer). */
    NOT_HELD,
    /** The caller no longer exists (a deleted or closed account). */
    SUBJECT_GONE
  }

  /**
   * Whether the authenticated caller of {@code caller} holds one of {@code roles} according to the
   * application's data.
   *
   * @param caller a security context with a user principal
   * @param roles the roles that would admit the caller, at least one
   * @throws dev.gatehouse.core.StoreUnavailableException when the data cannot be read — the
   *     request is then answered 503, never admitted
   */
  Answer recheck(SecurityContext caller, Set<String> roles);
}
