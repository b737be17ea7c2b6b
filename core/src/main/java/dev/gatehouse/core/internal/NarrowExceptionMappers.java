package dev.gatehouse.core.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The exceptions that the runtime and Gatehouse raise — every {@link WebApplicationException}
 * without an entity (404 of an unknown path, 405, 406, 415, {@code ProblemException}, a store's
 * 503), a provider's {@link ProcessingException} (which may wrap a body over its limit) — answered
 * with Gatehouse's problem even when the application has its own mapper for {@code Throwable},
 * {@code Exception}, {@code RuntimeException} or {@code WebApplicationException}.
 *
 * <p>Jakarta REST 3.1 §4.4 picks the mapper whose type is nearest to the exception's, then the
 * lowest {@code @Priority}: each of these names its exception type exactly, so an application's
 * broad mapper is further away, and their priority 1 wins a tie with an application mapper of the
 * same type. The application's mappers still answer its own exception types.
 */
public final class NarrowExceptionMappers {

  /** Ahead of any application mapper of the same type. */
  public static final int PRIORITY = 1;

  private NarrowExceptionMappers() {
  }

  /** 4xx and 5xx that the runtime or Gatehouse throw, and redirects passed through. */
  @Provider
  @Priority(PRIORITY)
  public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
      return ProblemExceptionMapper.map(exception);
    }
  }

  /** A provider's failure, which may wrap a body over its limit or a slow body. */
  @Provider
  @Priority(PRIORITY)
  public static final class Processing implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException exception) {
      return ProblemExceptionMapper.map(exception);
    }
  }
}
