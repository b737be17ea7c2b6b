package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.RolloutSettings;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.core.spi.Matched;
import dev.gatehouse.core.spi.Rollout;
import java.util.function.Supplier;
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
 *
 * <p>With {@code jwt} in {@code gatehouse.rollout.report-only}, each of those refusals but
 * {@code @DenyAll}'s is served instead and reported as the same security event, marked not
 * enforced; a refused token is served as an anonymous request — never as its subject.
 */
@Provider
@Priority(GatehousePriorities.ACCESS)
public final class AccessFilter implements ContainerRequestFilter {


  /** The request mark of this filter (see {@link Guarantees}). */
  static final String MARK = "dev.gatehouse.jwt.access";

  /** The role re-check, the same as core's documentation gate asks. */
  private final RoleSourceRecheck recheck;
  /** Whether jwt only reports, asked once after start-up. */
  private final Supplier<Boolean> reportOnly;

  /** What the Jakarta REST runtime creates: it re-checks with the application's role source. */
  public AccessFilter() {
    this(RoleSourceRecheck.ofApplication(),
        new Lazy<>(() -> Rollout.reportOnly(RolloutSettings.JWT)));
  }

  AccessFilter(RoleSourceRecheck recheck) {
    this(recheck, () -> false);
  }

  AccessFilter(RoleSourceRecheck recheck, Supplier<Boolean> reportOnly) {
    this.recheck = recheck;
    this.reportOnly = reportOnly;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(BearerAuthenticationFilter.REFUSED) instanceof Problem refused) {
      if (!reportOnly.get()) {
        request.abortWith(refused.toResponse()); // a token was presented and refused: 401, whatever the endpoint
        return;
      }
      // report-only: served as anonymous (the filter set no identity), and only this reported,
      // as enforcement would have stopped here
      Matched.claim(request, JwtModule.NAME, MARK, AccessPolicy.class);
      SecurityEvents.notEnforced(request, RolloutSettings.JWT, refused);
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
      // "never", said explicitly: enforced in report-only too
      request.abortWith(forbidden("deny_all").toResponse());
      return;
    }
    SecurityContext sc = request.getSecurityContext();
    if (sc == null || sc.getUserPrincipal() == null) {
      refuse(request, Problem.unauthorized("anonymous"));
      return;
    }
    if (policy.kind() == AccessPolicy.Kind.ROLES && !holdsARole(sc, policy)) {
      refuse(request, forbidden("missing_role"));
      return;
    }
    if (!policy.scopes().isEmpty() && !holdsScopes(request, policy)) {
      // RFC 6750 §3.1: the scopes the request needs, for the client to ask for
      refuse(request, Problem.of(403).detail("Your token lacks a scope this needs.")
          .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\""
              + String.join(" ", new java.util.TreeSet<>(policy.scopes())) + "\"")
          .event(SecurityEventType.ACCESS_DENIED, "missing_scope"));
      return;
    }
    if (policy.kind() == AccessPolicy.Kind.AUTHENTICATED) {
      return;
    }
    if (policy.recheck()) {
      switch (recheck.recheck(sc, policy.roles())) {
        case HELD -> { }
        case SUBJECT_GONE -> refuse(request, Problem.unauthorized("subject_gone"));
        case NOT_HELD -> refuse(request, forbidden("role_revoked"));
        default -> throw new IllegalStateException("unknown answer");
      }
    }
  }

  /** Answers {@code problem}, or in report-only serves the request and reports it. */
  private void refuse(ContainerRequestContext request, Problem problem) {
    if (reportOnly.get()) {
      SecurityEvents.notEnforced(request, RolloutSettings.JWT, problem);
    } else {
      request.abortWith(problem.toResponse());
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

  private static Problem forbidden(String reason) {
    return Problem.of(403).detail("You may not do this.")
        .event(SecurityEventType.ACCESS_DENIED, reason);
  }
}
