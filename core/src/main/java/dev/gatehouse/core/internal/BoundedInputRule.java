package dev.gatehouse.core.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Every string, collection, map and array a client can send is bounded (OWASP API4): each such
 * property reachable from the request body — in records and classes, nested types and type
 * arguments such as {@code List<@Size(max = 40) String>} — carries {@code @Size}, {@code @Email},
 * Hibernate's {@code @Length} or {@code @SafeText} with a {@code max} (directly or through a
 * composed constraint); and the body type
 * does not undo strict JSON ({@code @JsonIgnoreProperties(ignoreUnknown = true)},
 * {@code @JsonAnySetter}, a {@code Map} or {@code JsonNode} body). A list, set or array body
 * declares its most elements with {@code @Size(max = n)} on the parameter — the strict reader
 * refuses element n + 1 while reading — and its element types are walked like a single body.
 * The report shows {@code List<Item> max 100 (bounded)}.
 */
public final class BoundedInputRule implements EndpointRule {

  private static final Set<String> BOUNDS = Set.of("jakarta.validation.constraints.Size",
      "jakarta.validation.constraints.Email", "org.hibernate.validator.constraints.Length",
      "javax.validation.constraints.Size", "dev.gatehouse.core.SafeText");

  @Override
  public String id() {
    return "bounded-input";
  }

  @Override
  public List<String> columns() {
    return List.of("input");
  }

  @Override
  public int reportPosition() {
    return 500; // last: what it takes
  }

  /** Whether the endpoint reads JSON: it consumes a JSON type, or declares nothing. */
  private static boolean json(Endpoint endpoint) {
    var consumes = endpoint.annotation(jakarta.ws.rs.Consumes.class);
    if (consumes.isEmpty()) {
      return true;
    }
    for (String v : consumes.get().value()) {
      for (String t : v.split(",")) {
        String m = t.trim().toLowerCase(java.util.Locale.ROOT);
        if (m.equals("*/*") || m.startsWith("application/json") || m.contains("+json")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    var body = endpoint.entityParameter();
    if (body.isEmpty()) {
      return;
    }
    Parameter parameter = body.get();
    Class<?> type = parameter.getType();
    findings.fact("body", json(endpoint) ? "json" : "other");
    findings.fact("body-type", type.getSimpleName());
    if (type == String.class || type == byte[].class || InputStream.class.isAssignableFrom(type)
        || Reader.class.isAssignableFrom(type)) {
      findings.note("input", "raw " + type.getSimpleName() + " (body-size limit)");
      findings.fact("body-raw", "true");
      return;
    }
    if (Map.class.isAssignableFrom(type) || type == Object.class
        || type.getName().startsWith("com.fasterxml.jackson.databind")) {
      findings.violation("the request body " + type.getSimpleName() + " accepts any field",
          "read a record whose fields are declared and bounded");
      return;
    }
    List<String> unbounded = new ArrayList<>();
    String label = LintTypes.describe(parameter.getParameterizedType());
    String size = "";
    boolean bounded = true;
    if (LintTypes.isCollectionOrArray(type)) {
      // elements are walked like single bodies; the number of them must be declared too
      OptionalInt max = LintTypes.maxElements(parameter.getAnnotations());
      if (max.isPresent()) {
        size = " max " + max.getAsInt();
      } else {
        bounded = false;
        findings.violation("the request body " + label + " has no maximum number of elements",
            "add @Size(max = ...) to the parameter, e.g. @Size(max = 100) " + label
                + " items; a longer body is then refused while it is read");
      }
      elements(parameter.getAnnotatedType(), label, new HashSet<>(), unbounded, findings);
    } else {
      walk(type, type.getSimpleName(), new HashSet<>(), unbounded, findings);
    }
    if (!unbounded.isEmpty()) {
      bounded = false;
      findings.violation("unbounded input: " + String.join(", ", unbounded),
          "add @Size(max = ...) (or @Email) to each, including collection elements");
    }
    findings.note("input", label + size + (bounded ? " (bounded)" : " (unbounded)")
        + (findings.reportOnly(dev.gatehouse.core.RolloutSettings.JSON) ? " (report-only)" : ""));
  }

  /** The element types of a collection or array body, named {@code List<Item>[].field}. */
  private void elements(AnnotatedType at, String path, Set<Class<?>> seen, List<String> unbounded,
      Findings findings) {
    if (at instanceof AnnotatedParameterizedType p) {
      for (AnnotatedType arg : p.getAnnotatedActualTypeArguments()) {
        value(arg, new Annotation[0], path + "[]", seen, unbounded, findings);
      }
    } else if (at instanceof AnnotatedArrayType a) {
      value(a.getAnnotatedGenericComponentType(), new Annotation[0], path, seen, unbounded,
          findings);
    }
  }

  private void walk(Class<?> type, String path, Set<Class<?>> seen, List<String> unbounded,
      Findings findings) {
    if (!seen.add(type)) {
      return;
    }
    strictness(type, findings);
    for (Class<?> c = type; c != null && LintTypes.isApplicationType(c); c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())
            || f.isSynthetic()) {
          continue;
        }
        value(f.getAnnotatedType(), f.getAnnotations(), path + "." + f.getName(), seen,
            unbounded, findings);
      }
    }
  }

  private void value(AnnotatedType at, Annotation[] declared, String path, Set<Class<?>> seen,
      List<String> unbounded, Findings findings) {
    Class<?> raw = LintTypes.raw(at.getType());
    if (LintTypes.isSized(raw) && !bounded(declared) && !bounded(at.getAnnotations())) {
      unbounded.add(path);
    } else if (raw == Object.class || raw.getName().startsWith("com.fasterxml.jackson.databind")) {
      unbounded.add(path + " (any JSON)");
    }
    if (at instanceof AnnotatedParameterizedType p) {
      for (AnnotatedType arg : p.getAnnotatedActualTypeArguments()) {
        value(arg, new Annotation[0], path + "[]", seen, unbounded, findings);
      }
    } else if (at instanceof AnnotatedArrayType a) {
      value(a.getAnnotatedGenericComponentType(), new Annotation[0], path + "[]", seen, unbounded,
          findings);
    } else if (LintTypes.isApplicationType(raw)) {
      walk(raw, path, seen, unbounded, findings);
    }
  }

  private static boolean bounded(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (isBound(a)) {
        return true;
      }
      for (Annotation meta : a.annotationType().getAnnotations()) {
        if (isBound(meta)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A length constraint with a maximum: {@code @Size(min = 1)} alone bounds nothing. */
  private static boolean isBound(Annotation a) {
    String name = a.annotationType().getName();
    if (!BOUNDS.contains(name)) {
      return false;
    }
    if (name.endsWith(".Size") || name.endsWith(".Length") || name.endsWith(".SafeText")) {
      try {
        Object max = a.annotationType().getMethod("max").invoke(a);
        return !(max instanceof Integer m) || m < Integer.MAX_VALUE;
      } catch (ReflectiveOperationException e) {
        return true;
      }
    }
    return true;
  }

  /** Jackson annotations that would let unknown fields in, read by name. */
  private static void strictness(Class<?> type, Findings findings) {
    for (Annotation a : type.getAnnotations()) {
      if (a.annotationType().getName().equals(
          "com.fasterxml.jackson.annotation.JsonIgnoreProperties")) {
        try {
          Method m = a.annotationType().getMethod("ignoreUnknown");
          if (Boolean.TRUE.equals(m.invoke(a))) {
            findings.violation(type.getSimpleName() + " ignores unknown fields"
                    + " (@JsonIgnoreProperties(ignoreUnknown = true))",
                "remove ignoreUnknown so strict JSON refuses unexpected fields");
          }
        } catch (ReflectiveOperationException ignored) {
          // not the Jackson annotation we know
        }
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      for (Annotation a : m.getAnnotations()) {
        if (a.annotationType().getName().equals("com.fasterxml.jackson.annotation.JsonAnySetter")) {
          findings.violation(type.getSimpleName() + " collects unknown fields (@JsonAnySetter)",
              "declare the fields instead");
        }
      }
    }
    for (Field f : type.getDeclaredFields()) {
      for (Annotation a : f.getAnnotations()) {
        if (a.annotationType().getName().equals("com.fasterxml.jackson.annotation.JsonAnySetter")) {
          findings.violation(type.getSimpleName() + " collects unknown fields (@JsonAnySetter)",
              "declare the fields instead");
        }
      }
    }
  }
}
