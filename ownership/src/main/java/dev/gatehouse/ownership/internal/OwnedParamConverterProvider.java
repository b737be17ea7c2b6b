package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@link Owned} parameters into objects through the application's
 * {@code OwnershipResolver<T>}, found once per parameter at start-up (a missing resolver refuses
 * start-up). Per request: the owner is read, the id sanity-checked, the resolver asked; anything
 * but the owner's object is the one 404 — with a {@code NOT_OWNED} event when the resolver says
 * the object exists.
 */
public final class OwnedParamConverterProvider implements ParamConverterProvider {

  static final int MAX_ID_LENGTH = 128;

  private final BeanManager beans;
  private final Instance<CurrentOwner> current;

  public OwnedParamConverterProvider(BeanManager beans, Instance<CurrentOwner> current) {
    this.beans = beans;
    this.current = current;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType,
      Annotation[] annotations) {
    if (Arrays.stream(annotations).noneMatch(a -> a instanceof Owned)) {
      return null;
    }
    OwnershipResolver<T> resolver = resolver(rawType);
    return new ParamConverter<>() {
      @Override
      public T fromString(String id) {
        Owner owner = current.get().require();
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH
            || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
          throw notFound(false);
        }
        Optional<T> found;
        try {
          found = resolver.findOwned(id, owner);
          if (found == null || found.isEmpty()) {
            throw notFound(exists(id));
          }
        } catch (IllegalArgumentException malformed) {
          throw notFound(false);
        } catch (jakarta.ws.rs.WebApplicationException e) {
          throw e; // our 404, or a StoreUnavailableException (503)
        } catch (RuntimeException bug) {
          // Jakarta REST would turn any other exception from a path-parameter converter into a
          // 404; a bug in the resolver is not "not found".
          throw new ProblemException(Problem.unexpected(bug));
        }
        return found.get();
      }

      private boolean exists(String id) {
        try {
          return resolver.exists(id);
        } catch (IllegalArgumentException malformed) {
          return false;
        }
      }

      @Override
      public String toString(T value) {
        throw new UnsupportedOperationException("owned objects are not written as parameters");
      }
    };
  }

  /** The same 404 for "missing" and "someone else's", plus an event for the latter. */
  static ProblemException notFound(boolean notOwned) {
    Problem p = Problem.notFound();
    if (notOwned) {
      p.event(SecurityEventType.NOT_OWNED, "not_owner");
    }
    return new ProblemException(p);
  }

  @SuppressWarnings("unchecked")
  private <T> OwnershipResolver<T> resolver(Class<T> type) {
    Type wanted = new ResolverType(type);
    Set<Bean<?>> candidates = beans.getBeans(wanted);
    if (candidates.isEmpty()) {
      throw new GatehouseConfigException("@Owned " + type.getSimpleName() + " needs a bean"
          + " implementing OwnershipResolver<" + type.getSimpleName() + ">: a query that finds"
          + " the object only for its owner (where id = :id and owner = :owner)");
    }
    Bean<?> bean = beans.resolve(candidates);
    return (OwnershipResolver<T>) beans.getReference(bean, wanted,
        beans.createCreationalContext(bean));
  }

  /** {@code OwnershipResolver<T>} as a type to look beans up by. */
  private record ResolverType(Class<?> argument) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {argument};
    }

    @Override
    public Type getRawType() {
      return OwnershipResolver.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }
  }
}
