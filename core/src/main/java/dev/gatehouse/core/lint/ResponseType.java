package dev.gatehouse.core.lint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what a method returning a raw {@code Response} puts in it, so the lint can check that
 * no persistence entity leaves the API.
 *
 * <pre>{@code
 * @POST @ResponseType(NoteView.class)
 * public Response create(NoteCreate body) { return Response.created(uri).entity(view).build(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResponseType {

  /** The entity type, or {@code Void.class} for responses without a body. */
  Class<?> value();

  /** Whether the body is a list of {@link #value()}. */
  boolean collection() default false;
}
