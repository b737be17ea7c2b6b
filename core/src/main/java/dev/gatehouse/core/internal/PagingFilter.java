package dev.gatehouse.core.internal;

import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.PagingSettings;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * Bound to methods taking a {@link PageRequest} or a sort parameter: checks paging and sort
 * parameters before the method runs, so a bad page is a 400 before any query is made.
 */
final class PagingFilter implements ContainerRequestFilter {

  private final PagingSettings settings;
  private final boolean paged;
  private final List<String> singleParameters;

  PagingFilter(PagingSettings settings, boolean paged, List<String> singleParameters) {
    this.settings = settings;
    this.paged = paged;
    this.singleParameters = List.copyOf(singleParameters);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    try {
      if (paged) {
        PageRequest.validate(query, settings);
      }
    } catch (ProblemException e) {
      request.abortWith(e.getResponse());
      return;
    }
    for (String name : singleParameters) {
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
