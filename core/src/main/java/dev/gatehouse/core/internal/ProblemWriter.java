package dev.gatehouse.core.internal;

import dev.gatehouse.core.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Problem} that reached a writer unrendered (its response filter did not run), in
 * Gatehouse's own shape whatever JSON binding the application uses — so that {@code Problem} needs
 * no Jackson annotation, which would switch a WildFly deployment's own JSON to Jackson.
 */
@Provider
@Produces({Problem.MEDIA_TYPE_TEXT, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
@Priority(1)
public final class ProblemWriter implements MessageBodyWriter<Problem> {

  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType) {
    return Problem.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(Problem problem, Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream out)
      throws IOException {
    out.write(problem.toJson(null).getBytes(StandardCharsets.UTF_8));
  }
}
