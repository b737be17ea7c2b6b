package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.spi.Matched;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Authorization of every endpoint (just before {@code AUTHORIZATION}) by its {@link AccessPolicy}:
 * 401 when nobody is authenticated, 403 with an {@code ACCESS_DENIED} event when someone is but may
 * not — a role {@code @RolesAllowed} names missing, a scope {@code @RequireScopes} names missing
 * (with {@code WWW-Authenticate: Bearer error="insufficient_scope"}), or, with
 * {@code @RecheckRoles}, when the application's data no longer grants the
 * role the token still carries (401 when it says the subject no longer exists). It claims
 * {@link #MARK} on each request it decided, and core refuses any endpoint request without it, so a
 * runtime that did not install this filter fails closed.
 */
@Provider
@Priority(GatehousePriorities.ACCESS)
public final class AccessFilter implements ContainerRequestFilter {


  /** The request mark of this filter (see {@link Guarantees}). */
  static final String MARK = "dev.gatehouse.jwt.access";

  /** The role re-check, the same as core's documentation gate asks. */
  private final RoleSourceRecheck recheck;

  /** What the Jakarta REST runtime creates: it re-checks with the application's role source. */
  public AccessFilter() {
    this(RoleSourceRecheck.ofApplication());
  }

  AccessFilter(RoleSourceRecheck recheck) {
    this.recheck = recheck;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(BearerAuthenticationFilter.REFUSED) instanceof Problem refused) {
      request.abortWith(refused.toResponse()); // a token was presented and refused: 401, whatever the endpoint
      return;
    }
    AccessPolicy policy = Matched.claim(request, JwtModule.NAME, MARK, AccessPolicy.class);
    if (policy == null) {
      return;
    }
    if (policy.kind() == AccessPolicy.Kind.PERMIT_ALL) {
      return;
    }
    if (policy.kind() == AccessPolicy.Kind.DENY_ALL) {
      request.abortWith(forbidden("deny_all"));
      return;
    }
    SecurityContext sc = request.getSecurityContext();
    if (sc == null || sc.getUserPrincipal() == null) {
      request.abortWith(Problem.unauthorized("anonymous").toResponse());
      return;
    }
    if (policy.kind() == AccessPolicy.Kind.ROLES && !holdsARole(sc, policy)) {
      request.abortWith(forbidden("missing_role"));
      return;
    }
    if (!policy.scopes().isEmpty() && !holdsScopes(request, policy)) {
      // RFC 6750 §3.1: the scopes the request needs, for the client to ask for
      request.abortWith(Problem.of(403).detail("Your token lacks a scope this needs.")
          .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\""
              + String.join(" ", new java.util.TreeSet<>(policy.scopes())) + "\"")
          .event(SecurityEventType.ACCESS_DENIED, "missing_scope").toResponse());
      return;
    }
    if (policy.kind() == AccessPolicy.Kind.AUTHENTICATED) {
      return;
    }
    if (policy.recheck()) {
      switch (recheck.recheck(sc, policy.roles())) {
        case HELD -> { }
        case SUBJECT_GONE -> request.abortWith(Problem.unauthorized("subject_gone").toResponse());
        case NOT_HELD -> request.abortWith(forbidden("role_revoked"));
        default -> throw new IllegalStateException("unknown answer");
      }
    }
  }

  private static boolean holdsARole(SecurityContext sc, AccessPolicy policy) {
    for (String role : policy.roles()) {
      if (sc.isUserInRole(role)) {
        return true;
      }
    }
    return false;
  }

  /** The scopes of the token Gatehouse verified for this request: none for any other caller. */
  private static boolean holdsScopes(ContainerRequestContext request, AccessPolicy policy) {
    return request.getProperty(BearerAuthenticationFilter.SCOPES) instanceof java.util.Set<?> held
        && held.containsAll(policy.scopes());
  }

  private static jakarta.ws.rs.core.Response forbidden(String reason) {
    return Problem.of(403).detail("You may not do this.")
        .event(SecurityEventType.ACCESS_DENIED, reason).toResponse();
  }
}
