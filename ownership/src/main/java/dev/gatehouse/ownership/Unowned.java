package dev.gatehouse.ownership;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an id parameter that is deliberately not owner-checked — a public profile, a shared
 * document — with the reason, which the endpoint report shows. Without it (or {@link Owned}) the
 * endpoint lint refuses an id path parameter.
 *
 * <pre>{@code
 * @GET @Path("/users/{id}/avatar") @PermitAll
 * public byte[] avatar(@PathParam("id") @Unowned("avatars are public") long id) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Unowned {

  /** Why anyone may use this id; must not be blank. */
  String value();
}
