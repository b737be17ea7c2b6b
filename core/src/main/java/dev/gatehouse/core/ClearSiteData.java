package dev.gatehouse.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a logout endpoint: its successful responses carry {@code Clear-Site-Data}
 * ({@code gatehouse.headers.clear-site-data}, default {@code "cache","cookies","storage"}), so the
 * browser drops what it kept of the session (W3C Clear Site Data; OWASP Secure Headers Project).
 *
 * <pre>{@code
 * @POST @Path("/logout") @RolesAllowed("**") @ClearSiteData
 * public void logout(RefreshRequest r) { tokens.logout(jwt, r.refreshToken()); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ClearSiteData {
}
