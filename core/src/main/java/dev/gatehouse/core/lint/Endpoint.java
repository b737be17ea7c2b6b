package dev.gatehouse.core.lint;

import dev.gatehouse.core.lint.BoundParameter.Source;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * Parameter annotations by class name, so that a runtime's own are recognised without linking
   * it: Jakarta REST's, Quarkus REST's ({@code org.jboss.resteasy.reactive.Rest*}) and RESTEasy
   * classic's value-less twins ({@code org.jboss.resteasy.annotations.jaxrs.*}). An empty value
   * means the parameter's own name, as those runtimes bind it.
   */
  private static final Map<String, Source> BINDINGS = Map.ofEntries(
      Map.entry("jakarta.ws.rs.PathParam", Source.PATH),
      Map.entry("jakarta.ws.rs.QueryParam", Source.QUERY),
      Map.entry("jakarta.ws.rs.FormParam", Source.FORM),
      Map.entry("jakarta.ws.rs.HeaderParam", Source.HEADER),
      Map.entry("jakarta.ws.rs.CookieParam", Source.COOKIE),
      Map.entry("jakarta.ws.rs.MatrixParam", Source.MATRIX),
      Map.entry("org.jboss.resteasy.reactive.RestPath", Source.PATH),
      Map.entry("org.jboss.resteasy.reactive.RestQuery", Source.QUERY),
      Map.entry("org.jboss.resteasy.reactive.RestForm", Source.FORM),
      Map.entry("org.jboss.resteasy.reactive.RestHeader", Source.HEADER),
      Map.entry("org.jboss.resteasy.reactive.RestCookie", Source.COOKIE),
      Map.entry("org.jboss.resteasy.reactive.RestMatrix", Source.MATRIX),
      Map.entry("org.jboss.resteasy.annotations.jaxrs.PathParam", Source.PATH),
      Map.entry("org.jboss.resteasy.annotations.jaxrs.QueryParam", Source.QUERY),
      Map.entry("org.jboss.resteasy.annotations.jaxrs.FormParam", Source.FORM),
      Map.entry("org.jboss.resteasy.annotations.jaxrs.HeaderParam", Source.HEADER),
      Map.entry("org.jboss.resteasy.annotations.jaxrs.CookieParam", Source.COOKIE),
      Map.entry("org.jboss.resteasy.annotations.jaxrs.MatrixParam", Source.MATRIX),
      Map.entry("jakarta.ws.rs.BeanParam", Source.BEAN),
      Map.entry("org.jboss.resteasy.annotations.Form", Source.BEAN),
      Map.entry("jakarta.ws.rs.core.Context", Source.CONTEXT),
      Map.entry("jakarta.ws.rs.container.Suspended", Source.CONTEXT));

  /** Types Quarkus REST injects without {@code @Context}: never a request body. */
  private static final Set<String> CONTEXT_TYPES = Set.of("jakarta.ws.rs.core.UriInfo",
      "jakarta.ws.rs.core.HttpHeaders", "jakarta.ws.rs.core.Request",
      "jakarta.ws.rs.core.SecurityContext", "jakarta.ws.rs.ext.Providers",
      "jakarta.ws.rs.container.ResourceContext", "jakarta.ws.rs.container.ResourceInfo",
      "jakarta.ws.rs.container.AsyncResponse", "jakarta.ws.rs.sse.Sse",
      "jakarta.ws.rs.sse.SseEventSink");

  private final Class<?> resourceClass;
  private final Method method;
  private final String httpMethod;
  private final String path;
  private final List<BoundParameter> bound;
  private final Parameter entity;

  public Endpoint(Class<?> resourceClass, Method method, String httpMethod, String path) {
    this.resourceClass = Objects.requireNonNull(resourceClass);
    this.method = Objects.requireNonNull(method);
    this.httpMethod = Objects.requireNonNull(httpMethod);
    this.path = Objects.requireNonNull(path);
    Set<String> variables = variables(path);
    List<BoundParameter> found = new ArrayList<>();
    Parameter body = null;
    for (Parameter p : method.getParameters()) {
      BoundParameter b = binding(p, variables);
      if (b != null) {
        found.add(b);
      } else if (body == null) {
        body = p;
      }
    }
    this.bound = List.copyOf(found);
    this.entity = body;
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

  /**
   * The request entity parameter: the first one the runtime does not bind from elsewhere (see
   * {@link #boundParameters()}).
   */
  public Optional<Parameter> entityParameter() {
    return Optional.ofNullable(entity);
  }

  /**
   * Every parameter filled from the request other than its body, in declaration order — the one
   * reading of parameter bindings that every rule, and every module that reads a parameter at
   * request time, shares, so that what the lint checks and what is enforced cannot disagree.
   */
  public List<BoundParameter> boundParameters() {
    return bound;
  }

  /** The parameters bound from the path, by the name of their {@code {name}} in the template. */
  public List<BoundParameter> pathParameters() {
    return bound.stream().filter(b -> b.source() == Source.PATH).toList();
  }

  /** The parameters bound from the query string, by their query parameter name. */
  public List<BoundParameter> queryParameters() {
    return bound.stream().filter(b -> b.source() == Source.QUERY).toList();
  }

  /** The binding of {@code p}, or null when it is the request body. */
  private static BoundParameter binding(Parameter p, Set<String> variables) {
    for (Annotation a : p.getAnnotations()) {
      Source source = BINDINGS.get(a.annotationType().getName());
      if (source != null) {
        String value = source == Source.BEAN || source == Source.CONTEXT ? "" : value(a);
        return new BoundParameter(p, source, value.isEmpty() ? p.getName() : value);
      }
    }
    if (CONTEXT_TYPES.contains(p.getType().getName())) {
      return new BoundParameter(p, Source.CONTEXT, p.getName());
    }
    // Quarkus REST binds an unannotated parameter named like a template variable from the path;
    // without -parameters the name is arg0 and nothing matches, as Quarkus then cannot bind it.
    if (p.isNamePresent() && variables.contains(p.getName())) {
      return new BoundParameter(p, Source.PATH, p.getName());
    }
    return null;
  }

  private static String value(Annotation a) {
    try {
      Object v = a.annotationType().getMethod("value").invoke(a);
      return v instanceof String s ? s : "";
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      return "";
    }
  }

  /** The variable names of a path template: {@code id} and {@code v} in {@code /a/{id}/{v: \d+}}. */
  static Set<String> variables(String template) {
    Set<String> names = new LinkedHashSet<>();
    int depth = 0;
    int start = -1;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{' && depth++ == 0) {
        start = i + 1;
      } else if (c == '}' && depth > 0 && --depth == 0) {
        String variable = template.substring(start, i);
        int colon = variable.indexOf(':');
        names.add((colon < 0 ? variable : variable.substring(0, colon)).trim());
      }
    }
    return names;
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
