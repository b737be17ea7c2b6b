package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.ownership.Owned;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * Turns an {@link Owned} parameter into its object: the one {@link OwnedFilter} resolved for its
 * owner in this request (never a second lookup), or — where the filter did not see the parameter —
 * a resolution with the same checks.
 */
@Provider
public final class OwnedParamConverterProvider implements ParamConverterProvider {

  private final Lazy<OwnershipRuntime> runtime = Lazy.bean(OwnershipRuntime.class);

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType,
      Annotation[] annotations) {
    if (annotations == null || Arrays.stream(annotations).noneMatch(a -> a instanceof Owned)) {
      return null;
    }
    return new ParamConverter<>() {
      @Override
      public T fromString(String id) {
        OwnershipRuntime r = runtime.get();
        Object resolved = r.ownedObjects().get(rawType, id);
        if (resolved != null) {
          return (T) resolved;
        }
        T value = OwnedResolution.resolve(r.resolver(rawType), id, r.currentOwner().require());
        // recorded like the filter's, so a transactional method gets it resolved again there
        r.ownedObjects().put(rawType, id, value);
        return value;
      }

      @Override
      public String toString(T value) {
        throw new UnsupportedOperationException("owned objects are not written as parameters");
      }
    };
  }
}
