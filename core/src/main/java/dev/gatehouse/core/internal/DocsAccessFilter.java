package dev.gatehouse.core.internal;

import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Bound to documentation endpoints: 404 while docs are hidden, else 401 for anonymous callers and
 * 403 for callers without one of the configured roles.
 */
final class DocsAccessFilter implements ContainerRequestFilter {

  private final DocsGate gate;

  DocsAccessFilter(DocsGate gate) {
    this.gate = gate;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!gate.enabled()) {
      request.abortWith(Problem.notFound().toResponse());
      return;
    }
    SecurityContext sc = request.getSecurityContext();
    if (sc == null || sc.getUserPrincipal() == null) {
      request.abortWith(Problem.unauthorized("docs_anonymous"));
      return;
    }
    for (String role : gate.roles()) {
      if (sc.isUserInRole(role)) {
        return;
      }
    }
    request.abortWith(Problem.of(403).detail("You may not view the API documentation.")
        .event(SecurityEventType.ACCESS_DENIED, "docs_role").toResponse());
  }
}
