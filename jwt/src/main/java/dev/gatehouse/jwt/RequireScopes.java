package dev.gatehouse.jwt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OAuth scopes a caller's token must hold — every one listed — to call the endpoint, read
 * from the claims {@code gatehouse.jwt.scopes-claims} names ({@code scope} and {@code scp} by
 * default). A scope says what the client application may do on the user's behalf, a role what
 * the user may do; an endpoint may require both, and then both must hold:
 *
 * <pre>{@code
 * @GET
 * @RolesAllowed("reader")
 * @RequireScopes("notes:read")
 * public List<NoteView> list() { ... }
 * }</pre>
 *
 * <p>On a method it replaces its class's, as {@code @RolesAllowed} does. Without the scopes the
 * answer is 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope"} naming them
 * (RFC 6750 §3.1); without a token, 401. It requires an authenticated caller, so it cannot stand
 * beside {@code @PermitAll} or {@code @DenyAll} — the application refuses to start. The endpoint
 * report shows the scopes in its "who" column.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequireScopes {

  /** The scopes, all required; at least one. */
  String[] value();
}
