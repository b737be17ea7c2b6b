package dev.gatehouse.jwt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @RolesAllowed} method (or class): besides the roles in the token, the caller must
 * still hold one of the allowed roles according to the application's {@link RoleSource}; otherwise
 * 403 and an {@code ACCESS_DENIED} event. Use it for critical operations — changing roles, reading
 * every user — where a revoked role must not keep working for the rest of a token's life.
 *
 * <pre>{@code
 * @PUT @Path("/admin/users/{id}/roles")
 * @RolesAllowed("admin") @RecheckRoles
 * public UserView setRoles(...) { ... }
 * }</pre>
 *
 * <p>A {@code @RecheckRoles} method without {@code @RolesAllowed}, or an application without a
 * {@link RoleSource} bean, refuses to start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RecheckRoles {
}
