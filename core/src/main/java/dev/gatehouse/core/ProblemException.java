package dev.gatehouse.core;

import jakarta.ws.rs.WebApplicationException;

/**
 * Ends a request with a {@link Problem}. Throw it from resources, converters and filters; Gatehouse
 * renders the body, adds the request id and fires the problem's security event, if it has one.
 *
 * <pre>{@code
 * throw new ProblemException(Problem.of(409).detail("That email address is already registered."));
 * }</pre>
 */
public final class ProblemException extends WebApplicationException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detailOrTitle(), null, problem.toResponse());
    this.problem = problem;
  }

  /**
   * Ends a request with a response built from a problem, e.g. to carry {@code Retry-After}:
   * {@code new ProblemException(problem, problem.toResponseBuilder().header(...).build())}.
   */
  public ProblemException(Problem problem, jakarta.ws.rs.core.Response response) {
    super(problem.detailOrTitle(), null, response);
    if (response.getEntity() != problem) {
      throw new IllegalArgumentException("the response must carry the problem as its entity");
    }
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
