package dev.gatehouse.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The fields a {@link SortSpec} parameter may name. Anything else in {@code ?sort=} is a 400.
 *
 * <pre>{@code
 * @GET
 * public Page<NoteView> list(@BeanParam PageRequest page,
 *     @QueryParam("sort") @DefaultValue("createdAt,desc") @Sortable({"createdAt", "title"})
 *     SortSpec sort) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Sortable {

  /** The allowlist: exact, case-sensitive field names (letters, digits, {@code _ .}). */
  String[] value();
}
