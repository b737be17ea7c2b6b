package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ownership module's state: the application's {@link OwnershipResolver} beans, found once per
 * owned type, and the request's owner and resolved objects. The {@code Instance} injection points
 * keep those beans on runtimes that remove beans nobody injects (Quarkus), since Gatehouse only
 * looks them up.
 */
@ApplicationScoped
public class OwnershipRuntime {

  @Inject
  BeanManager beans;
  @Inject
  @Any
  Instance<OwnershipResolver<?>> resolvers;
  @Inject
  Instance<CurrentOwner> currentOwner;
  @Inject
  Instance<OwnedObjects> ownedObjects;
  @Inject
  Instance<ReloadsInTransaction> inTransaction;

  private final ConcurrentHashMap<Class<?>, OwnershipResolver<?>> byType =
      new ConcurrentHashMap<>();

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // nothing to read; observing the start keeps this bean where unused beans are removed
  }

  /**
   * The application's resolver for {@code type}.
   *
   * @throws GatehouseConfigException when there is none
   */
  @SuppressWarnings("unchecked")
  <T> OwnershipResolver<T> resolver(Class<T> type) {
    return (OwnershipResolver<T>) byType.computeIfAbsent(type, this::lookUp);
  }

  private OwnershipResolver<?> lookUp(Class<?> type) {
    Type wanted = new ResolverType(type);
    Set<Bean<?>> candidates = beans.getBeans(wanted);
    if (candidates.isEmpty()) {
      throw new GatehouseConfigException("@Owned " + type.getSimpleName() + " needs a bean"
          + " implementing OwnershipResolver<" + type.getSimpleName() + ">: a query that finds"
          + " the object only for its owner (where id = :id and owner = :owner)");
    }
    Bean<?> bean = beans.resolve(candidates);
    return (OwnershipResolver<?>) beans.getReference(bean, wanted,
        beans.createCreationalContext(bean));
  }

  /** Whether gatehouse-ownership-jta is here to load owned arguments inside transactions. */
  boolean reloadsInTransaction() {
    return !inTransaction.isUnsatisfied();
  }

  CurrentOwner currentOwner() {
    return currentOwner.get();
  }

  OwnedObjects ownedObjects() {
    return ownedObjects.get();
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
