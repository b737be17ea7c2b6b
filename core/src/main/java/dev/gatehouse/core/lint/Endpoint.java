package dev.gatehouse.core.lint;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One resource method as the endpoint lint sees it: class, method, HTTP method and path template.
 *
 * <pre>{@code
 * Optional<RolesAllowed> roles = endpoint.annotation(RolesAllowed.class); // method over class
 * }</pre>
 */
public final class Endpoint {

  private static final Set<Class<? extends Annotation>> NOT_ENTITY = Set.of(PathParam.class,
      QueryParam.class, HeaderParam.class, CookieParam.class, FormParam.class, MatrixParam.class,
      BeanParam.class, Context.class, Suspended.class);

  private final Class<?> resourceClass;
  private final Method method;
  private final String httpMethod;
  private final String path;

  public Endpoint(Class<?> resourceClass, Method method, String httpMethod, String path) {
    this.resourceClass = Objects.requireNonNull(resourceClass);
    this.method = Objects.requireNonNull(method);
    this.httpMethod = Objects.requireNonNull(httpMethod);
    this.path = Objects.requireNonNull(path);
  }

  public Class<?> resourceClass() {
    return resourceClass;
  }

  public Method method() {
    return method;
  }

  public String httpMethod() {
    return httpMethod;
  }

  /** The path template, e.g. {@code /notes/{id}}. */
  public String path() {
    return path;
  }

  /** {@code NotesResource#get}: how violations name the endpoint. */
  public String name() {
    return resourceClass.getSimpleName() + "#" + method.getName();
  }

  /** The annotation on the method, else on the class. */
  public <A extends Annotation> Optional<A> annotation(Class<A> type) {
    A a = method.getAnnotation(type);
    return Optional.ofNullable(a != null ? a : resourceClass.getAnnotation(type));
  }

  /** The request entity parameter: the one without a Jakarta REST parameter annotation. */
  public Optional<Parameter> entityParameter() {
    for (Parameter p : method.getParameters()) {
      boolean bound = false;
      for (Annotation a : p.getAnnotations()) {
        if (NOT_ENTITY.contains(a.annotationType())) {
          bound = true;
          break;
        }
      }
      if (!bound) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether the rule {@code id} is waived here, and why. */
  public Optional<String> exemption(String id) {
    for (Annotation holder : new Annotation[] {method.getAnnotation(LintExempt.List.class),
        resourceClass.getAnnotation(LintExempt.List.class)}) {
      if (holder instanceof LintExempt.List list) {
        for (LintExempt e : list.value()) {
          if (e.rule().equals(id)) {
            return Optional.of(e.reason());
          }
        }
      }
    }
    for (LintExempt e : new LintExempt[] {method.getAnnotation(LintExempt.class),
        resourceClass.getAnnotation(LintExempt.class)}) {
      if (e != null && e.rule().equals(id)) {
        return Optional.of(e.reason());
      }
    }
    return Optional.empty();
  }

  /**
   * The HTTP method of a resource method ({@code GET} for {@code @GET}, or a custom
   * {@code @HttpMethod} designator); empty for sub-resource locators and a runtime's internal
   * handlers, which are not endpoints.
   */
  public static Optional<String> httpMethodOf(Method m) {
    for (Annotation a : m.getAnnotations()) {
      jakarta.ws.rs.HttpMethod h = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
      if (h != null) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /**
   * The path template of a resource method, {@code /class-path/method-path} with single slashes and
   * no trailing slash, e.g. {@code /notes/{id}}.
   */
  public static String template(Class<?> type, Method method) {
    jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
    jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
    String joined = "/" + (classPath == null ? "" : classPath.value()) + "/"
        + (methodPath == null ? "" : methodPath.value());
    StringBuilder b = new StringBuilder(joined.length());
    for (int i = 0; i < joined.length(); i++) {
      char c = joined.charAt(i);
      if (c != '/' || b.length() == 0 || b.charAt(b.length() - 1) != '/') {
        b.append(c);
      }
    }
    if (b.length() > 1 && b.charAt(b.length() - 1) == '/') {
      b.setLength(b.length() - 1);
    }
    return b.toString();
  }

  /**
   * The request paths a path template stands for, for code that must route a request before the
   * runtime has matched it (a CORS preflight): {@code {id}} is one segment, {@code {id: regex}} its
   * regular expression, everything else literal, and a trailing slash is optional. Compile it once,
   * at start-up; matching a request path is then one {@link Pattern#matcher} call.
   *
   * <pre>{@code
   * Endpoint.pathPattern("/notes/{id}").matcher("/notes/42").matches();   // true
   * }</pre>
   */
  public static Pattern pathPattern(String template) {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      if (literal.length() > 0) {
        out.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
      }
      int depth = 0;
      int j = i;
      for (; j < template.length(); j++) {
        if (template.charAt(j) == '{') {
          depth++;
        } else if (template.charAt(j) == '}' && --depth == 0) {
          break;
        }
      }
      String variable = template.substring(i + 1, j);
      int colon = variable.indexOf(':');
      out.append(colon < 0 ? "[^/]+" : "(?:" + variable.substring(colon + 1).trim() + ")");
      i = j + 1;
    }
    if (literal.length() > 0) {
      out.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(out + "/?");
  }

  @Override
  public String toString() {
    return httpMethod + " " + path;
  }
}
