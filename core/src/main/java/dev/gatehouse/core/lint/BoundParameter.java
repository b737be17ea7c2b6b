package dev.gatehouse.core.lint;

import java.lang.reflect.Parameter;
import java.util.Objects;

/**
 * A resource method parameter the runtime fills from the request — not the request body — with
 * where it comes from and the name it is bound by, however the application declared it:
 * {@code @PathParam("id")}, Quarkus REST's {@code @RestPath} (its name defaulting to the
 * parameter's), or no annotation at all on a parameter named after a {@code {name}} of the path
 * template, which Quarkus REST binds as a path parameter.
 *
 * <pre>{@code
 * for (BoundParameter p : endpoint.pathParameters()) {
 *   if (p.name().equals("id") && !p.parameter().isAnnotationPresent(Owned.class)) { ... }
 * }
 * }</pre>
 *
 * @param parameter the Java parameter
 * @param source where the request carries its value
 * @param name the name it is bound by in that place (path variable, query or form field, header,
 *     cookie, matrix parameter); for {@link Source#CONTEXT} and {@link Source#BEAN}, the
 *     parameter's own name
 */
public record BoundParameter(Parameter parameter, Source source, String name) {

  /** Where a bound parameter's value comes from. */
  public enum Source {
    PATH, QUERY, FORM, HEADER, COOKIE, MATRIX,
    /** A {@code @BeanParam}: its fields are bound, the parameter itself is no value. */
    BEAN,
    /** Injected by the runtime ({@code @Context}, {@code @Suspended}, a context type). */
    CONTEXT
  }

  public BoundParameter {
    Objects.requireNonNull(parameter);
    Objects.requireNonNull(source);
    Objects.requireNonNull(name);
  }
}
