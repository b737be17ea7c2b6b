package dev.gatehouse.core.internal;

import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.spi.Guarantees;
import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.core.spi.RoleRecheck;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Core's last request filter, after authentication, authorization, rate limits and ownership:
 *
 * <ul>
 *   <li>fail closed — every Gatehouse module present must have claimed this request (see
 *       {@link Guarantees}); a module whose filter the runtime did not run means a guarantee the
 *       report promises is missing, so the request is refused with 500 and a
 *       {@code SERVER_ERROR} event instead of being served;</li>
 *   <li>the documentation gate for documentation endpoints: 404 while docs are hidden, else 401
 *       for anonymous callers and 403 without one of the configured roles — held both by the
 *       caller's credentials and, asked through a module's {@link RoleRecheck}, by the
 *       application's data now (403 when a role was taken away, 401 when the subject is gone, 503
 *       when the data cannot be read, as with {@code @RecheckRoles});</li>
 *   <li>paging and sort parameters, so a bad page is a 400 before any query is made.</li>
 * </ul>
 */
@Provider
@Priority(GatehousePriorities.GUARD)
public final class GuardFilter implements ContainerRequestFilter {

  static final String MARK = "dev.gatehouse.core.guard";

  private final Lazy<CoreRuntime> runtime = Lazy.bean(CoreRuntime.class);

  @Override
  public void filter(ContainerRequestContext request) {
    if (!Guarantees.claim(request, MARK)) {
      return;
    }
    EndpointPlan plan = EndpointFilter.planOf(request);
    if (plan == null) {
      if (!Guarantees.claimed(request, EndpointFilter.MARK)) {
        refuse(request, "guarantee_missing_core");
      }
      return; // the runtime's own handler, not an endpoint
    }
    if (plan.endpoint() == null) {
      return;
    }
    for (String mark : plan.requiredMarks()) {
      if (!Guarantees.claimed(request, mark)) {
        refuse(request, "guarantee_missing_" + mark.replace("dev.gatehouse.", ""));
        return;
      }
    }
    if (plan.docs() && !docsAllowed(request, plan)) {
      return;
    }
    checkPaging(request, plan);
  }

  private static void refuse(ContainerRequestContext request, String reason) {
    request.abortWith(Problem.of(500).detail(Problem.UNEXPECTED_DETAIL)
        .event(SecurityEventType.SERVER_ERROR, reason).toResponse());
  }

  private boolean docsAllowed(ContainerRequestContext request, EndpointPlan plan) {
    DocsGate gate = runtime.get().settings().docs();
    if (!gate.enabled()) {
      request.abortWith(Problem.notFound().toResponse());
      return false;
    }
    SecurityContext sc = request.getSecurityContext();
    if (sc == null || sc.getUserPrincipal() == null) {
      request.abortWith(Problem.unauthorized("docs_anonymous").toResponse());
      return false;
    }
    boolean claimed = false;
    for (String role : gate.roles()) {
      if (sc.isUserInRole(role)) {
        claimed = true;
        break;
      }
    }
    if (!claimed) {
      request.abortWith(docsForbidden("docs_role"));
      return false;
    }
    RoleRecheck recheck = plan.docsRecheck();
    if (recheck == null) {
      // prepared while documentation was hidden: nothing vouches for the roles, so nobody is in
      refuse(request, "guarantee_missing_docs_recheck");
      return false;
    }
    // The same question and answers as @RecheckRoles; a store that cannot answer throws
    // StoreUnavailableException, which is the same 503 there and here.
    switch (recheck.recheck(sc, gate.roles())) {
      case HELD -> {
        return true;
      }
      case SUBJECT_GONE -> request.abortWith(Problem.unauthorized("docs_subject_gone").toResponse());
      default -> request.abortWith(docsForbidden("docs_role_revoked"));
    }
    return false;
  }

  private static jakarta.ws.rs.core.Response docsForbidden(String reason) {
    return Problem.of(403).detail("You may not view the API documentation.")
        .event(SecurityEventType.ACCESS_DENIED, reason).toResponse();
  }

  private void checkPaging(ContainerRequestContext request, EndpointPlan plan) {
    if (!plan.paged() && plan.sortParameters().isEmpty()) {
      return;
    }
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    try {
      if (plan.paged()) {
        PageRequest.validate(query, runtime.get().settings().paging());
      }
    } catch (ProblemException e) {
      request.abortWith(e.getResponse());
      return;
    }
    for (String name : plan.sortParameters()) {
      List<String> values = query.get(name);
      if (values != null && values.size() > 1) {
        request.abortWith(Problem.of(400).detail("The " + name + " parameter is invalid.")
            .with("errors", List.of(Map.of("field", name, "message", "must be given once")))
            .event(SecurityEventType.VALIDATION_FAILED, "repeated_parameter").toResponse());
        return;
      }
    }
  }
}
