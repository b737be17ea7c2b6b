package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Around every body read: turns JSON failures into 400 problems (before any provider's own mapper
 * can echo Jackson's message), a body past the limit into 413, an empty body or a bare
 * {@code null} where JSON is expected into 400, and validates every JSON body with Bean Validation
 * — with or without {@code @Valid} on the parameter; each element of a list, set or array body is
 * validated the same way, its errors named {@code [i].field}.
 *
 * <p>Fail closed: a JSON body that {@link StrictJsonReader} did not read (the runtime preferred
 * its own, lax, JSON provider) is refused with 500 and a {@code SERVER_ERROR} event instead of
 * reaching the method unchecked.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public final class StrictJsonInterceptor implements ReaderInterceptor {

  private static final System.Logger LOG = System.getLogger(StrictJsonInterceptor.class.getName());
  private static final Object NO_VALIDATOR = new Object();
  /** Most element errors listed in one answer. */
  private static final int MAX_ERRORS = 100;

  private volatile Object validator;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    boolean json = isJson(context.getMediaType());
    boolean strict = json && StrictJsonReader.handles(context.getType());
    Object value;
    try {
      StrictJsonReader.LAST.remove();
      StrictJsonReader.NOT_ENFORCED.remove();
      value = context.proceed();
    } catch (IOException | RuntimeException e) {
      throw refusal(e);
    }
    Object read = StrictJsonReader.LAST.get();
    StrictJsonReader.LAST.remove();
    Problem wouldRefuse = StrictJsonReader.NOT_ENFORCED.get();
    if (wouldRefuse != null) {
      // report-only: the response filter reports it, with the request it belongs to
      StrictJsonReader.NOT_ENFORCED.remove();
      context.setProperty(RolloutReports.PENDING, wouldRefuse);
    }
    if (!json) {
      return value;
    }
    if (strict && !(read == value || (read == StrictJsonReader.EMPTY && value == null))) {
      LOG.log(System.Logger.Level.ERROR, "A JSON body of type " + context.getType().getName()
          + " was read by another provider than Gatehouse's strict reader; the request is"
          + " refused. Remove the provider that takes precedence, or report the runtime.");
      throw new ProblemException(Problem.of(500).detail(Problem.UNEXPECTED_DETAIL)
          .event(SecurityEventType.SERVER_ERROR, "strict_json_reader_bypassed"));
    }
    if (value == null) {
      throw new ProblemException(Problem.of(400).detail("The request body is not acceptable JSON.")
          .with("errors", List.of(Map.of("field", "$", "message",
              "must be a JSON value, not empty or null")))
          .event(SecurityEventType.VALIDATION_FAILED, "json_empty"));
    }
    Validator v = validator();
    if (value instanceof Collection<?> || value instanceof Object[]) {
      validateElements(v, value instanceof Object[] array ? Arrays.asList(array)
          : (Collection<?>) value);
    } else if (v != null && !value.getClass().isArray()
        && !value.getClass().getName().startsWith("java.")) {
      Set<ConstraintViolation<Object>> violations = v.validate(value);
      if (!violations.isEmpty()) {
        throw new ConstraintViolationException(violations);
      }
    }
    return value;
  }

  /**
   * Each element of a list or array body as a single body would be, its fields named from the
   * element ({@code [3].name}); a {@code null} element is refused like a {@code null} body.
   */
  private static void validateElements(Validator v, Collection<?> elements) {
    List<Map<String, String>> errors = new ArrayList<>();
    int i = 0;
    for (Object element : elements) {
      String at = "[" + i++ + "]";
      if (element == null) {
        errors.add(Map.of("field", at, "message", "must not be null"));
      } else if (v != null && !element.getClass().getName().startsWith("java.")) {
        for (ConstraintViolation<Object> violation : v.validate(element)) {
          String inner = ConstraintViolationMapper.field(violation.getPropertyPath());
          errors.add(Map.of("field", inner.equals("$") ? at
                  : at + (inner.startsWith("[") ? "" : ".") + inner,
              "message", violation.getMessage()));
        }
      }
      if (errors.size() >= MAX_ERRORS) {
        break; // enough to fix; validating the rest would only cost the server time
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(ConstraintViolationMapper.problem(errors));
    }
  }

  /**
   * The problem for a failed read — a body past its limit, bytes that are not UTF-8, JSON that
   * breaks a rule — wherever Jackson or the runtime wrapped the cause; anything else as it was.
   */
  private static RuntimeException refusal(Exception e) {
    if (e instanceof ProblemException p) {
      return p;
    }
    BodyTooLargeException tooLarge = find(e, BodyTooLargeException.class);
    if (tooLarge != null) {
      return tooLarge(tooLarge);
    }
    if (slow(e)) {
      return new ProblemException(tooSlow());
    }
    if (find(e, CharacterCodingException.class) != null) {
      return new ProblemException(JsonProblems.notUtf8());
    }
    JsonProcessingException jsonError = find(e, JsonProcessingException.class);
    if (jsonError != null) {
      return new ProblemException(JsonProblems.of(jsonError));
    }
    if (find(e, IOException.class) != null) {
      // the client's side of the connection: a body cut short, broken chunked framing
      LOG.log(System.Logger.Level.INFO, "request body unreadable: " + e.getClass().getSimpleName());
      return new ProblemException(unreadable());
    }
    return (RuntimeException) e;
  }

  private static ProblemException tooLarge(BodyTooLargeException e) {
    return new ProblemException(Problem.of(413)
        .detail("The request body is larger than this endpoint accepts.")
        .event(SecurityEventType.BODY_TOO_LARGE, "streamed"));
  }

  /** The 400 for a body cut short, badly framed or refused by the container while arriving. */
  static Problem unreadable() {
    return Problem.of(400).detail("The request body could not be read.")
        .event(SecurityEventType.VALIDATION_FAILED, "body_unreadable");
  }

  /**
   * Whether a read failed because the body came too slowly: past Gatehouse's deadline, or a
   * container's timeout while it arrived ({@code TimeoutException}, a socket read timeout).
   */
  static boolean slow(Throwable e) {
    return find(e, BodyTooSlowException.class) != null
        || find(e, java.util.concurrent.TimeoutException.class) != null
        || find(e, java.net.SocketTimeoutException.class) != null;
  }

  /** The 408 for a body that did not arrive in time (RFC 9110 §15.5.9). */
  static Problem tooSlow() {
    return Problem.of(408).detail("The request body did not arrive in time.")
        .event(SecurityEventType.BODY_TOO_SLOW, "read_timeout");
  }

  static boolean isJson(MediaType type) {
    if (type == null) {
      return false;
    }
    String sub = type.getSubtype();
    // any type: Jackson providers read text/json too, so that must not be a way around
    return sub.equalsIgnoreCase("json") || sub.toLowerCase(java.util.Locale.ROOT).endsWith("+json");
  }

  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private Validator validator() {
    Object v = validator;
    if (v == null) {
      v = lookUpValidator();
      validator = v;
    }
    return v == NO_VALIDATOR ? null : (Validator) v;
  }

  /** The runtime's own validator bean (Quarkus, EE servers), else the default factory's. */
  private static Object lookUpValidator() {
    try {
      Instance<Validator> bean = CDI.current().select(Validator.class);
      if (bean.isResolvable()) {
        return bean.get();
      }
    } catch (RuntimeException | LinkageError noCdiValidator) {
      // fall back to the bootstrap API
    }
    try {
      return Validation.buildDefaultValidatorFactory().getValidator();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.WARNING, "No Bean Validation provider found: request bodies are"
          + " checked for strict JSON but not validated; add one (e.g. Hibernate Validator)");
      return NO_VALIDATOR;
    }
  }
}
