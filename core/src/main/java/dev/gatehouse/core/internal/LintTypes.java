package dev.gatehouse.core.internal;

import dev.gatehouse.core.Page;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** Type questions the lint rules ask, answered from reflection only (no JPA dependency). */
final class LintTypes {

  private static final List<String> ENTITY = List.of("jakarta.persistence.Entity",
      "javax.persistence.Entity");

  private LintTypes() {
  }

  /** Annotated {@code @Entity} (by name, so no persistence API is needed). */
  public static boolean isEntity(Class<?> type) {
    for (Annotation a : type.getAnnotations()) {
      if (ENTITY.contains(a.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }

  public static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    }
    if (type instanceof GenericArrayType g) {
      return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length > 0) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  /** A list-like result: collections, arrays, streams and {@link Page}. */
  public static boolean isMany(Type type) {
    Class<?> r = raw(type);
    return r.isArray() && r != byte[].class || Collection.class.isAssignableFrom(r)
        || Stream.class.isAssignableFrom(r) || Page.class.isAssignableFrom(r);
  }

  /** The type itself and every type nested in it through generics and arrays. */
  public static List<Class<?>> allTypes(Type type) {
    List<Class<?>> out = new ArrayList<>();
    collect(type, out, 0);
    return out;
  }

  private static void collect(Type type, List<Class<?>> out, int depth) {
    if (depth > 8) {
      return;
    }
    out.add(raw(type));
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        collect(arg, out, depth + 1);
      }
    } else if (type instanceof GenericArrayType g) {
      collect(g.getGenericComponentType(), out, depth + 1);
    } else if (type instanceof Class<?> c && c.isArray()) {
      collect(c.getComponentType(), out, depth + 1);
    } else if (type instanceof WildcardType w) {
      for (Type t : w.getUpperBounds()) {
        collect(t, out, depth + 1);
      }
    }
  }

  /** Strings, collections, maps and arrays — values whose size a client chooses. */
  public static boolean isSized(Class<?> r) {
    return CharSequence.class.isAssignableFrom(r) || Collection.class.isAssignableFrom(r)
        || Map.class.isAssignableFrom(r) || (r.isArray() && r != byte[].class) || r == char[].class
        || r == Optional.class;
  }

  /** A list, set or other collection, or an array other than {@code byte[]}/{@code char[]}. */
  public static boolean isCollectionOrArray(Class<?> r) {
    return Collection.class.isAssignableFrom(r)
        || r.isArray() && r != byte[].class && r != char[].class;
  }

  /**
   * The most elements a collection or array parameter declares with {@code @Size(max = n)}; empty
   * without one (or with the default, unbounded, {@code max}). The lint's report and the
   * reader's enforcement both read it here.
   */
  public static OptionalInt maxElements(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a instanceof Size size && size.max() < Integer.MAX_VALUE) {
        return OptionalInt.of(size.max());
      }
    }
    return OptionalInt.empty();
  }

  /** {@code List<Item>}, {@code Item[]}, {@code Map<String, List<Tag>>}: simple names. */
  public static String describe(Type type) {
    if (type instanceof ParameterizedType p) {
      StringBuilder b = new StringBuilder(raw(p.getRawType()).getSimpleName()).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        b.append(i == 0 ? "" : ", ").append(describe(args[i]));
      }
      return b.append('>').toString();
    }
    if (type instanceof GenericArrayType g) {
      return describe(g.getGenericComponentType()) + "[]";
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length > 0) {
      return describe(w.getUpperBounds()[0]);
    }
    return raw(type).getSimpleName();
  }

  /** An application type whose fields the lint walks into. */
  public static boolean isApplicationType(Class<?> r) {
    return !r.isPrimitive() && !r.isEnum() && !r.isArray() && !r.isInterface()
        && !r.getName().startsWith("java.") && !r.getName().startsWith("javax.")
        && !r.getName().startsWith("jakarta.");
  }
}
