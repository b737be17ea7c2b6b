package dev.gatehouse.core.internal;

import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.spi.Guarantees;
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
 *       for anonymous callers and 403 without one of the configured roles;</li>
 *   <li>paging and sort parameters, so a bad page is a 400 before any query is made.</li>
 * </ul>
 */
@Provider
@Priority(CorePriorities.GUARD)
public final class GuardFilter implements ContainerRequestFilter {

  static final String MARK = "dev.gatehouse.core.guard";

  private final Runtimes<CoreRuntime> runtime = Runtimes.of(CoreRuntime.class);

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
    if (plan.docs() && !docsAllowed(request)) {
      return;
    }
    checkPaging(request, plan);
  }

  private static void refuse(ContainerRequestContext request, String reason) {
    request.abortWith(Problem.of(500).detail(Problem.UNEXPECTED_DETAIL)
        .event(SecurityEventType.SERVER_ERROR, reason).toResponse());
  }

  private boolean docsAllowed(ContainerRequestContext request) {
    DocsGate gate = runtime.get().settings().docs();
    if (!gate.enabled()) {
      request.abortWith(Problem.notFound().toResponse());
      return false;
    }
    SecurityContext sc = request.getSecurityContext();
    if (sc == null || sc.getUserPrincipal() == null) {
      request.abortWith(Problem.unauthorized("docs_anonymous"));
      return false;
    }
    for (String role : gate.roles()) {
      if (sc.isUserInRole(role)) {
        return true;
      }
    }
    request.abortWith(Problem.of(403).detail("You may not view the API documentation.")
        .event(SecurityEventType.ACCESS_DENIED, "docs_role").toResponse());
    return false;
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
