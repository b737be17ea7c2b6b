package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.jwt.RecheckRoles;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.TreeSet;

/**
 * Who may call each endpoint is declared (OWASP API5, broken function-level authorization):
 * {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll} on the method or its class. At run
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
  public void check(Endpoint endpoint, Findings findings) {
    String who = who(endpoint);
    if (who == null) {
      findings.violation("who may call it is not declared",
          "add @RolesAllowed(...), @PermitAll or @DenyAll to the method or its class");
      return;
    }
    boolean recheck = endpoint.annotation(RecheckRoles.class).isPresent();
    findings.note("who", who + (recheck ? " (re-checked)" : ""));
  }

  private static String who(Endpoint e) {
    for (var element : new java.lang.reflect.AnnotatedElement[] {e.method(), e.resourceClass()}) {
      if (element.isAnnotationPresent(DenyAll.class)) {
        return "nobody";
      }
      RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
      if (roles != null) {
        return List.of(roles.value()).contains(AccessFeature.ANY_AUTHENTICATED) ? "authenticated"
            : "roles " + String.join(", ", new TreeSet<>(List.of(roles.value())));
      }
      if (element.isAnnotationPresent(PermitAll.class)) {
        return "anyone";
      }
    }
    return null;
  }
}
