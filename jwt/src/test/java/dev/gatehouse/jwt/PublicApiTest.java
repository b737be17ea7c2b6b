package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's public API is sealed: no public or protected signature of a public type in
 * {@code dev.gatehouse.jwt} — supertypes, constructors, methods, fields, their generic arguments
 * and exceptions — mentions a type of an {@code internal} package, so what users touch is
 * settings, annotations, SPIs, the issuer and the feature, and the implementation may change.
 */
class PublicApiTest {

  private static final String PACKAGE = "dev.gatehouse.jwt";

  @Test
  void noPublicSignatureMentionsAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> types = publicTypes();
    assertThat(types).contains(JwtSettings.class, JwtSettings.Builder.class, TokenIssuer.class,
        GatehouseJwtFeature.class);
    for (Class<?> type : types) {
      check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
      for (Type i : type.getGenericInterfaces()) {
        check(type.getName() + " implements", i, leaks);
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        checkExecutable(type, c, leaks);
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m) && !m.isSynthetic()) {
          checkExecutable(type, m, leaks);
          check(type.getName() + "#" + m.getName() + " returns", m.getGenericReturnType(), leaks);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f)) {
          check(type.getName() + "#" + f.getName(), f.getGenericType(), leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void checkExecutable(Class<?> type, Executable e, List<String> leaks) {
    if (!visible(e)) {
      return;
    }
    String where = type.getName() + "#" + e.getName();
    for (Type p : e.getGenericParameterTypes()) {
      check(where + " takes", p, leaks);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      check(where + " throws", x, leaks);
    }
    for (TypeVariable<?> v : e.getTypeParameters()) {
      check(where + " is generic in", v, leaks);
    }
  }

  private static boolean visible(Member m) {
    return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
  }

  private static void check(String where, Type type, List<String> leaks) {
    Set<Type> seen = new HashSet<>();
    List<Type> todo = new ArrayList<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      Type t = todo.remove(todo.size() - 1);
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (t instanceof Class<?> c) {
        Class<?> base = c;
        while (base.isArray()) {
          base = base.getComponentType();
        }
        if (base.getName().startsWith("dev.gatehouse.") && base.getName().contains(".internal.")) {
          leaks.add(where + " " + base.getName());
        }
      } else if (t instanceof ParameterizedType p) {
        todo.add(p.getRawType());
        todo.add(p.getOwnerType());
        todo.addAll(List.of(p.getActualTypeArguments()));
      } else if (t instanceof WildcardType w) {
        todo.addAll(List.of(w.getUpperBounds()));
        todo.addAll(List.of(w.getLowerBounds()));
      } else if (t instanceof TypeVariable<?> v) {
        todo.addAll(List.of(v.getBounds()));
      } else if (t instanceof GenericArrayType a) {
        todo.add(a.getGenericComponentType());
      }
    }
  }

  /** The public types of the package (nested ones inside public types too), from its classes. */
  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException,
      ClassNotFoundException {
    Path dir = Path.of(JwtSettings.class.getResource("JwtSettings.class").toURI()).getParent();
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String simple = f.getFileName().toString().replace(".class", "");
        Class<?> c = Class.forName(PACKAGE + "." + simple, false,
            PublicApiTest.class.getClassLoader());
        if (!c.isAnonymousClass() && !c.isSynthetic() && effectivelyPublic(c)) {
          found.add(c);
        }
      }
    }
    return found;
  }

  private static boolean effectivelyPublic(Class<?> c) {
    for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
