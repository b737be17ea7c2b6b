package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authorization for one resource method (priority {@code AUTHORIZATION}): 401 when nobody is
 * authenticated, 403 with an {@code ACCESS_DENIED} event when someone is but may not — including,
 * with {@code @RecheckRoles}, when the application's data no longer grants the role the token
 * still carries.
 */
final class AccessFilter implements ContainerRequestFilter {

  /** Who may call. */
  record Rule(Kind kind, Set<String> roles) {
    enum Kind { PERMIT_ALL, DENY_ALL, AUTHENTICATED, ROLES }

    static Rule permitAll() {
      return new Rule(Kind.PERMIT_ALL, Set.of());
    }

    static Rule denyAll() {
      return new Rule(Kind.DENY_ALL, Set.of());
    }

    static Rule authenticated() {
      return new Rule(Kind.AUTHENTICATED, Set.of());
    }

    static Rule roles(Set<String> roles) {
      return new Rule(Kind.ROLES, Set.copyOf(roles));
    }
  }

  private final Rule rule;
  private final JwtRuntime recheck;

  AccessFilter(Rule rule, JwtRuntime recheck) {
    this.rule = rule;
    this.recheck = recheck;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (rule.kind() == Rule.Kind.PERMIT_ALL) {
      return;
    }
    if (rule.kind() == Rule.Kind.DENY_ALL) {
      request.abortWith(forbidden("deny_all"));
      return;
    }
    SecurityContext sc = request.getSecurityContext();
    if (sc == null || sc.getUserPrincipal() == null) {
      request.abortWith(Problem.unauthorized("anonymous"));
      return;
    }
    if (rule.kind() == Rule.Kind.AUTHENTICATED) {
      return;
    }
    boolean held = false;
    for (String role : rule.roles()) {
      if (sc.isUserInRole(role)) {
        held = true;
        break;
      }
    }
    if (!held) {
      request.abortWith(forbidden("missing_role"));
      return;
    }
    if (recheck != null) {
      String subject = sc.getUserPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject()
          : sc.getUserPrincipal().getName();
      Set<String> current = recheck.roleSource().orElseThrow().currentRoles(subject);
      if (current == null || rule.roles().stream().noneMatch(current::contains)) {
        request.abortWith(forbidden("role_revoked"));
      }
    }
  }

  private static jakarta.ws.rs.core.Response forbidden(String reason) {
    return Problem.of(403).detail("You may not do this.")
        .event(SecurityEventType.ACCESS_DENIED, reason).toResponse();
  }
}
