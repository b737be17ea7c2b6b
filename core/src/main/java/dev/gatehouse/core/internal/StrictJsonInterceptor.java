package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import jakarta.annotation.Priority;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Around every body read: turns JSON failures into 400 problems (before any provider's own mapper
 * can echo Jackson's message), a body past the limit into 413, an empty body or a bare
 * {@code null} where JSON is expected into 400, and validates every JSON body with Bean Validation
 * — with or without {@code @Valid} on the parameter.
 */
@Priority(Priorities.ENTITY_CODER)
public final class StrictJsonInterceptor implements ReaderInterceptor {

  private static final System.Logger LOG = System.getLogger(StrictJsonInterceptor.class.getName());

  private final Validator validator;

  public StrictJsonInterceptor() {
    this.validator = validator();
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    boolean json = isJson(context.getMediaType());
    Object value;
    try {
      value = context.proceed();
    } catch (BodyTooLargeException e) {
      throw tooLarge(e);
    } catch (JsonProcessingException e) {
      throw new ProblemException(JsonProblems.of(e));
    } catch (RuntimeException e) {
      BodyTooLargeException tooLarge = find(e, BodyTooLargeException.class);
      if (tooLarge != null) {
        throw tooLarge(tooLarge);
      }
      JsonProcessingException jsonError = find(e, JsonProcessingException.class);
      if (jsonError != null) {
        throw new ProblemException(JsonProblems.of(jsonError));
      }
      throw e;
    }
    if (!json) {
      return value;
    }
    if (value == null) {
      throw new ProblemException(Problem.of(400).detail("The request body is not acceptable JSON.")
          .with("errors", List.of(Map.of("field", "$", "message",
              "must be a JSON value, not empty or null")))
          .event(SecurityEventType.VALIDATION_FAILED, "json_empty"));
    }
    if (validator != null && !value.getClass().getName().startsWith("java.")) {
      Set<ConstraintViolation<Object>> violations = validator.validate(value);
      if (!violations.isEmpty()) {
        throw new ConstraintViolationException(violations);
      }
    }
    return value;
  }

  private static ProblemException tooLarge(BodyTooLargeException e) {
    return new ProblemException(Problem.of(413)
        .detail("The request body is larger than this endpoint accepts.")
        .event(SecurityEventType.BODY_TOO_LARGE, "streamed"));
  }

  static boolean isJson(MediaType type) {
    if (type == null) {
      return false;
    }
    String sub = type.getSubtype();
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

  private static Validator validator() {
    try {
      return Validation.buildDefaultValidatorFactory().getValidator();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.WARNING, "No Bean Validation provider found: request bodies are"
          + " checked for strict JSON but not validated; add one (e.g. Hibernate Validator)");
      return null;
    }
  }
}
