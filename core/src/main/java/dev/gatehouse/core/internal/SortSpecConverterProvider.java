package dev.gatehouse.core.internal;

import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.Sortable;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Binds {@link SortSpec} parameters against their {@link Sortable} allowlist. The allowlist is
 * read once per parameter at start-up; a {@code SortSpec} parameter without one refuses start-up.
 */
@Provider
public final class SortSpecConverterProvider implements ParamConverterProvider {

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType,
      Annotation[] annotations) {
    if (rawType != SortSpec.class) {
      return null;
    }
    String[] allowed = null;
    for (Annotation a : annotations) {
      if (a instanceof Sortable s) {
        allowed = s.value().clone();
      }
    }
    if (allowed == null || allowed.length == 0) {
      throw new IllegalStateException("A SortSpec parameter needs @Sortable({\"field\", ...})"
          + " listing the fields callers may sort by");
    }
    for (String field : allowed) {
      if (!field.matches("[A-Za-z_][A-Za-z0-9_.]{0,63}")) {
        throw new IllegalStateException("@Sortable field \"" + field
            + "\" is not a plain field name (letters, digits, _ and .)");
      }
    }
    String[] fields = allowed;
    return (ParamConverter<T>) new ParamConverter<SortSpec>() {
      @Override
      public SortSpec fromString(String value) {
        return SortSpec.parse(value, fields);
      }

      @Override
      public String toString(SortSpec value) {
        return value.toString();
      }
    };
  }
}
