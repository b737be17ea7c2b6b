package dev.gatehouse.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides {@code gatehouse.body.max-bytes} for one resource method or every method of a class,
 * e.g. a larger limit for an upload or a tiny one for a login form.
 *
 * <pre>{@code
 * @POST @Path("/avatar") @MaxBodySize(5 * 1024 * 1024)
 * public Response upload(InputStream image) { ... }
 * }</pre>
 *
 * <p>The value must be from 1 to {@link Integer#MAX_VALUE}; anything else refuses start-up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface MaxBodySize {

  /** The largest body accepted, in bytes. */
  long value();
}
