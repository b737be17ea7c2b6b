package dev.gatehouse.core.lint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Waives one lint rule for a method or class, with the reason a reviewer will read in the
 * start-up report.
 *
 * <pre>{@code
 * @GET @Path("/countries") @PermitAll
 * @LintExempt(rule = "paging", reason = "fixed list of 249 ISO countries")
 * public List<Country> countries() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(LintExempt.List.class)
public @interface LintExempt {

  /** The rule id: {@code access}, {@code entity}, {@code bounded-input}, {@code owned-id}, {@code paging}. */
  String rule();

  /** Why the rule does not apply here; must not be blank. */
  String reason();

  /** Several exemptions on one element. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE})
  @interface List {
    LintExempt[] value();
  }
}
