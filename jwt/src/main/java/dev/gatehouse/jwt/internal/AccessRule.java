package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import java.util.List;

/**
 * Who may call each endpoint is declared (OWASP API5, broken function-level authorization):
 * {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll} on the method or its class. The
 * "who" column comes from {@link AccessPolicy}, the reading {@link AccessFilter} enforces. At run
 * time an undeclared method still requires authentication; the lint makes the choice explicit.
 */
public final class AccessRule implements EndpointRule {

  @Override
  public String id() {
    return "access";
  }

  @Override
  public List<String> columns() {
    return List.of("who");
  }

  @Override
  public int reportPosition() {
    return 100; // first: who may call it
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    AccessPolicy policy;
    try {
      policy = AccessPolicy.of(endpoint);
    } catch (GatehouseConfigException refused) {
      return; // reported by the module's preparation, which refuses start-up
    }
    // a refused token is refused on any endpoint; only @DenyAll holds in report-only
    boolean reportOnly = findings.reportOnly(dev.gatehouse.core.RolloutSettings.JWT)
        && policy.kind() != AccessPolicy.Kind.DENY_ALL;
    findings.note("who", policy.describe() + (reportOnly ? " (report-only)" : ""));
    if (reportOnly) {
      findings.fact("report-only", dev.gatehouse.core.RolloutSettings.JWT);
    }
    findings.fact("access", switch (policy.kind()) {
      case PERMIT_ALL -> "anyone";
      case DENY_ALL -> "nobody";
      case AUTHENTICATED -> "authenticated";
      case ROLES -> "roles";
    });
    policy.roles().stream().sorted().forEach(r -> findings.fact("roles", r));
    policy.scopes().stream().sorted().forEach(s -> findings.fact("scopes", s));
    if (policy.recheck()) {
      findings.fact("recheck", "true"); // roles re-read from the application's data
    }
    if (!policy.declared()) {
      findings.violation("who may call it is not declared",
          "add @RolesAllowed(...), @PermitAll or @DenyAll to the method or its class");
    }
  }
}
