package dev.gatehouse.core.lint;

/**
 * One check of the deploy-time endpoint lint. Each module contributes its rules through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.gatehouse.core.lint.EndpointRule}),
 * so the lint knows every module on the class path without a CDI extension.
 *
 * <pre>{@code
 * public final class AccessRule implements EndpointRule {
 *   public String id() { return "access"; }
 *   public void check(Endpoint e, Findings f) {
 *     if (e.annotation(RolesAllowed.class).isEmpty() && ...) {
 *       f.violation("who may call it is not declared",
 *           "add @RolesAllowed, @PermitAll or @DenyAll to the method or class");
 *     }
 *   }
 * }
 * }</pre>
 */
public interface EndpointRule {

  /** A short id, used in messages and by {@link LintExempt#rule()}. */
  String id();

  /**
   * The report columns this rule fills, in order (e.g. {@code who}); none by default. Each shows
   * on every line of the start-up report, {@code -} where the rule noted nothing, so a reader can
   * tell "checked, nothing to say" from "not checked". A {@link Findings#note note} for a column
   * the rule does not declare shows only on the endpoints that have it (as {@code docs} does).
   */
  default java.util.List<String> columns() {
    return java.util.List.of();
  }

  /**
   * Where this rule's {@link #columns()} stand in the report: smaller first, equal positions by
   * {@link #id()}. Gatehouse's own rules use 100 to 500, so that a line reads who may call the
   * endpoint, on which objects, how much it returns, how often, and what it takes; the default,
   * 1000, puts a rule's columns after those.
   */
  default int reportPosition() {
    return 1000;
  }

  /** Checks one endpoint; records violations and report notes. */
  void check(Endpoint endpoint, Findings findings);
}
