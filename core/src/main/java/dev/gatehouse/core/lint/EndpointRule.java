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

  /** Report columns this rule fills, in order (e.g. {@code who}); none by default. */
  default java.util.List<String> columns() {
    return java.util.List.of();
  }

  /** Checks one endpoint; records violations and report notes. */
  void check(Endpoint endpoint, Findings findings);
}
