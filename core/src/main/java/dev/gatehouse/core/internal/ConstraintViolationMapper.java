package dev.gatehouse.core.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bean Validation failures of input become a 400 listing {@code {field, message}} pairs — without
 * the rejected values. A violated return value is a server bug: 500. More specific than any
 * runtime's {@code ValidationException} mapper, so this one answers.
 */
@Provider
public final class ConstraintViolationMapper
    implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<Map<String, String>> errors = new ArrayList<>();
    boolean returnValue = false;
    for (ConstraintViolation<?> v : exception.getConstraintViolations()) {
      returnValue |= isReturnValue(v.getPropertyPath());
      Map<String, String> e = new LinkedHashMap<>();
      e.put("field", field(v.getPropertyPath()));
      e.put("message", v.getMessage());
      errors.add(e);
    }
    if (returnValue) {
      return ProblemExceptionMapper.unexpected(exception);
    }
    return problem(errors).toResponse();
  }

  /** The 400 for these {@code {field, message}} pairs, sorted by field. */
  static Problem problem(List<Map<String, String>> errors) {
    List<Map<String, String>> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparing((Map<String, String> m) -> m.get("field"))
        .thenComparing(m -> m.get("message")));
    return Problem.of(400).detail("The request is invalid.").with("errors", sorted)
        .event(SecurityEventType.VALIDATION_FAILED, "constraint_violation");
  }

  private static boolean isReturnValue(Path path) {
    for (Path.Node n : path) {
      if (n.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }

  /**
   * The property path as the client sees it: method and body-parameter nodes dropped
   * ({@code create.note.title} becomes {@code title}), a plain parameter keeps its name, an
   * element of a list is its index ({@code create.items[3].name} becomes {@code [3].name},
   * {@code tags[2].<list element>} becomes {@code tags[2]}).
   */
  static String field(Path path) {
    List<Path.Node> nodes = new ArrayList<>();
    path.forEach(nodes::add);
    StringBuilder b = new StringBuilder();
    Iterator<Path.Node> it = nodes.iterator();
    int index = 0;
    while (it.hasNext()) {
      Path.Node n = it.next();
      index++;
      if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (n.getKind() == ElementKind.PARAMETER && index < nodes.size()) {
        continue;
      }
      if (n.getIndex() != null) {
        b.append('[').append(n.getIndex()).append(']');
      }
      if (n.getName() == null || n.getKind() == ElementKind.BEAN
          || n.getKind() == ElementKind.CONTAINER_ELEMENT && n.getName().startsWith("<")) {
        continue;
      }
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(n.getName());
    }
    return b.length() == 0 ? "$" : b.toString();
  }
}
