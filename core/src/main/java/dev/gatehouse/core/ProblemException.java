package dev.gatehouse.core;

import jakarta.ws.rs.WebApplicationException;

/**
 * Ends a request with a {@link Problem} and its headers. Throw it from resources, converters and filters; Gatehouse
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

  public Problem problem() {
    return problem;
  }
}
