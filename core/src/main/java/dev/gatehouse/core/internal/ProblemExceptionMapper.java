package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every exception becomes an RFC 9457 problem with a generic title and a detail written here.
 * Headers that carry protocol meaning ({@code Allow}, {@code Retry-After},
 * {@code WWW-Authenticate}, {@code Location}) survive; the exception's own message and entity do
 * not. Anything unexpected is a 500 whose stack trace is logged with the request id and whose body
 * holds only that id.
 *
 * <p>A {@code WebApplicationException} that carries its own entity never reaches a mapper
 * (Jakarta REST 3.1 §3.3.4): its response is the application's deliberate answer and is sent as
 * built, with the security headers added (a 5xx one's body is replaced, see
 * {@link ResponseFilter}).
 *
 * <p>An application's own mapper for {@code Exception} or {@code RuntimeException} is nearer to
 * most exceptions than this one; {@link NarrowExceptionMappers} keep the exceptions the runtime and
 * Gatehouse raise answered here all the same.
 */
@Provider
public final class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Set<String> KEPT_HEADERS = Set.of("allow", "retry-after",
      "www-authenticate", "location", "ratelimit", "ratelimit-policy");

  @Override
  public Response toResponse(Throwable exception) {
    return map(exception);
  }

  /** The answer to {@code exception}, for this mapper and the narrower ones beside it. */
  static Response map(Throwable exception) {
    if (exception instanceof ProblemException p) {
      return p.getResponse();
    }
    // before the body checks: a store's own read timeout (a SocketTimeoutException under a
    // Redis client's exception) is the store's failure, a 503, not a slow body's 408
    StoreUnavailableException store = StrictJsonInterceptor.find(exception,
        StoreUnavailableException.class);
    if (store != null) {
      return storeUnavailable(store);
    }
    BodyTooLargeException tooLarge = StrictJsonInterceptor.find(exception,
        BodyTooLargeException.class);
    if (tooLarge != null) {
      return Problem.of(413).detail("The request body is larger than this endpoint accepts.")
          .event(SecurityEventType.BODY_TOO_LARGE, "streamed").toResponse();
    }
    if (StrictJsonInterceptor.slow(exception)) {
      return StrictJsonInterceptor.tooSlow().toResponse();
    }
    if (StrictJsonInterceptor.find(exception, BodyUnreadableException.class) != null) {
      return StrictJsonInterceptor.unreadable().toResponse();
    }
    if (exception instanceof WebApplicationException w) {
      return fromWebApplicationException(w);
    }
    if (exception instanceof JsonWriteGuard.ResponseWriteException) {
      return unexpected(exception);
    }
    JsonProcessingException json = StrictJsonInterceptor.find(exception,
        JsonProcessingException.class);
    if (json != null) {
      return JsonProblems.of(json).toResponse();
    }
    return unexpected(exception);
  }

  static Response storeUnavailable(StoreUnavailableException e) {
    // a saturated store is load being shed as configured: its event is the record, without a
    // stack trace per refused request while the service is busiest
    Problem problem = e.saturated()
        ? Problem.of(503).detail("The service is busy; retry later.")
            .event(SecurityEventType.SERVER_ERROR, "store_saturated")
        : Problem.of(503).detail("The service is unavailable; retry later.")
            .event(SecurityEventType.SERVER_ERROR, "store_unavailable").cause(e);
    return problem.header("Retry-After", StoreUnavailableException.RETRY_AFTER_SECONDS)
        .toResponse();
  }

  static Response unexpected(Throwable exception) {
    return Problem.unexpected(exception).toResponse();
  }

  private static Response fromWebApplicationException(WebApplicationException w) {
    Response original = w.getResponse();
    int status = original == null ? 500 : original.getStatus();
    if (status < 400) {
      return original; // redirects and the like are answers, not errors
    }
    if (original.getEntity() instanceof Problem) {
      return original;
    }
    Problem problem = status == 404 ? Problem.notFound() : Problem.of(status).detail(detail(status));
    if (status == 400) {
      problem.event(SecurityEventType.VALIDATION_FAILED, "bad_request")
          .with("errors", List.of(Map.of("field", "request", "message",
              "a parameter, header or body could not be read")));
    } else if (status >= 500) {
      problem.event(SecurityEventType.SERVER_ERROR, "status_" + status).cause(w);
    }
    Response.ResponseBuilder b = problem.toResponseBuilder();
    MultivaluedMap<String, Object> headers = original.getHeaders();
    headers.forEach((name, values) -> {
      if (KEPT_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        values.forEach(v -> b.header(name, v));
      }
    });
    return b.build();
  }

  static String detail(int status) {
    return switch (status) {
      case 400 -> "The request could not be read.";
      case 401 -> "Authentication is required.";
      case 403 -> "You may not do this.";
      case 405 -> "This method is not allowed here; see the Allow header.";
      case 406 -> "No acceptable representation; this API produces JSON.";
      case 413 -> "The request body is larger than this endpoint accepts.";
      case 415 -> "This media type is not supported here; send " + HttpHeaders.CONTENT_TYPE
          + ": application/json.";
      case 429 -> "Too many requests; retry later.";
      case 503 -> "The service is unavailable; retry later.";
      default -> status >= 500
          ? Problem.UNEXPECTED_DETAIL
          : "The request was refused.";
    };
  }
}
