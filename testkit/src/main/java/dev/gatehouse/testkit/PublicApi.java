package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A module's public API as the compiler sees it: every public type outside an {@code internal}
 * package, with its public and protected members. {@link #leaks()} lists each signature that
 * mentions an {@code internal} type — a user could not call it without depending on what the
 * module may change at will, so a module's test fails the build on any.
 *
 * <pre>{@code
 * assertThat(PublicApi.of(JwtSettings.class).leaks()).isEmpty();
 * }</pre>
 */
public final class PublicApi {

  private final List<Class<?>> types;

  private PublicApi(List<Class<?>> types) {
    this.types = types;
  }

  /** The API of the module (class-path root) that holds {@code anyClassOfIt}. */
  public static PublicApi of(Class<?> anyClassOfIt) {
    Path root;
    try {
      root = Path.of(anyClassOfIt.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!rel.endsWith(".class") || rel.endsWith("module-info.class")
            || rel.endsWith("package-info.class")) {
          continue;
        }
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        found.add(Class.forName(name, false, anyClassOfIt.getClassLoader()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return new PublicApi(found);
  }

  /** Public types outside internal packages (nested ones included when reachable). */
  public Set<String> apiTypes() {
    Set<String> out = new TreeSet<>();
    types.stream().filter(PublicApi::isApi).forEach(t -> out.add(t.getName()));
    return out;
  }

  /** Public top-level types inside internal packages (providers must be; the rest need not). */
  public Set<String> publicInternalTypes() {
    Set<String> out = new TreeSet<>();
    types.stream().filter(t -> internal(t) && t.getEnclosingClass() == null
        && Modifier.isPublic(t.getModifiers())).forEach(t -> out.add(t.getName()));
    return out;
  }

  /** Each API signature that mentions an internal type, as {@code member: internal type}. */
  public Set<String> leaks() {
    Set<String> out = new TreeSet<>();
    for (Class<?> t : types) {
      if (!isApi(t)) {
        continue;
      }
      check(out, t.getName() + " extends", t.getGenericSuperclass());
      for (Type i : t.getGenericInterfaces()) {
        check(out, t.getName() + " implements", i);
      }
      for (Field f : t.getDeclaredFields()) {
        if (visible(f)) {
          check(out, describe(f), f.getGenericType());
        }
      }
      for (Constructor<?> c : t.getDeclaredConstructors()) {
        if (visible(c)) {
          checkExecutable(out, c);
        }
      }
      for (Method m : t.getDeclaredMethods()) {
        if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
          check(out, describe(m), m.getGenericReturnType());
          checkExecutable(out, m);
        }
      }
    }
    return out;
  }

  private static void checkExecutable(Set<String> out, Executable e) {
    for (Type p : e.getGenericParameterTypes()) {
      check(out, describe(e), p);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      check(out, describe(e), x);
    }
  }

  private static void check(Set<String> out, String where, Type type) {
    for (Class<?> c : mentioned(type, new ArrayList<>())) {
      if (internal(c)) {
        out.add(where + ": " + c.getName());
      }
    }
  }

  private static List<Class<?>> mentioned(Type type, List<Class<?>> into) {
    if (type instanceof Class<?> c) {
      into.add(c.isArray() ? c.getComponentType() : c);
    } else if (type instanceof ParameterizedType p) {
      mentioned(p.getRawType(), into);
      for (Type a : p.getActualTypeArguments()) {
        mentioned(a, into);
      }
    } else if (type instanceof GenericArrayType g) {
      mentioned(g.getGenericComponentType(), into);
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        mentioned(b, into);
      }
      for (Type b : w.getLowerBounds()) {
        mentioned(b, into);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        if (!(b instanceof TypeVariable<?>)) {
          mentioned(b, into);
        }
      }
    }
    return into;
  }

  /** A type a user can name: public, in a non-internal package, and nested only in such types. */
  private static boolean isApi(Class<?> t) {
    if (internal(t) || t.isSynthetic() || t.isAnonymousClass() || t.isLocalClass()) {
      return false;
    }
    for (Class<?> c = t; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean internal(Class<?> c) {
    return c.getPackageName().startsWith("dev.gatehouse.")
        && (c.getPackageName().endsWith(".internal") || c.getPackageName().contains(".internal."));
  }

  private static boolean visible(Member m) {
    int mod = m.getModifiers();
    boolean subclassable = !Modifier.isFinal(m.getDeclaringClass().getModifiers());
    return Modifier.isPublic(mod) || (Modifier.isProtected(mod) && subclassable);
  }

  private static String describe(Member m) {
    return m.getDeclaringClass().getName() + "." + (m instanceof Constructor<?> ? "<init>"
        : m.getName());
  }
}
