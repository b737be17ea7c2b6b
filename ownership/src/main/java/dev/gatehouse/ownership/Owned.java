package dev.gatehouse.ownership;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Resolves an id parameter to the object it names — but only for the object's owner, through the
 * application's {@link OwnershipResolver} for the parameter's type. Anyone else gets the same 404
 * as for an id that does not exist (OWASP API1, broken object-level authorization); an anonymous
 * caller gets 401.
 *
 * <pre>{@code
 * @GET @Path("/{id}") @RolesAllowed("**")
 * public NoteView get(@PathParam("id") @Owned Note note) { return NoteView.of(note); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Owned {
}
