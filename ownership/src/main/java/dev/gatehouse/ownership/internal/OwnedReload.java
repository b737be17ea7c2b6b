package dev.gatehouse.ownership.internal;

import dev.gatehouse.ownership.Owned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a transactional method's {@link Owned} arguments again, inside the method's own
 * transaction. {@link OwnedFilter} decides ownership before the method runs — a not-owned id never
 * reaches it — but what it loads comes from outside the transaction that {@code @Transactional}
 * begins around the method: a detached entity, whose changes would not be saved and whose removal
 * is refused. Called by the interceptors of {@code gatehouse-ownership-jta}, which run inside that
 * transaction; the object handed to the method is then the one the transaction manages, and
 * ownership is checked a second time there (a concurrent change of owner is a 404 too).
 */
@ApplicationScoped
public class OwnedReload {

  private static final int[] NONE = new int[0];

  @Inject
  OwnershipRuntime runtime;
  @Inject
  BeanManager beans;

  private final ConcurrentHashMap<Method, int[]> owned = new ConcurrentHashMap<>();

  /**
   * The arguments with each {@code @Owned} one that Gatehouse resolved in this request replaced by
   * the same id resolved again now; the same array when there is nothing to reload (a method
   * without owned parameters, or called by the application itself rather than for a request).
   *
   * @throws dev.gatehouse.core.ProblemException 404 when the object is no longer the caller's
   */
  public Object[] reload(Method method, Object[] args) {
    int[] positions = owned.computeIfAbsent(method, OwnedReload::ownedPositions);
    if (positions.length == 0 || !inRequest()) {
      return args;
    }
    OwnedObjects objects = runtime.ownedObjects();
    Object[] out = null;
    Class<?>[] types = method.getParameterTypes();
    for (int i : positions) {
      Object arg = args[i];
      String id = arg == null ? null : objects.idOf(arg);
      if (id == null) {
        continue;
      }
      Object fresh = OwnedResolution.resolve(runtime.resolver(types[i]), id,
          runtime.currentOwner().require());
      objects.put(types[i], id, fresh);
      out = out != null ? out : args.clone();
      out[i] = fresh;
    }
    return out != null ? out : args;
  }

  /** CDI 4.0 {@code getContext} throws, rather than answer inactive, outside a request. */
  private boolean inRequest() {
    try {
      return beans.getContext(RequestScoped.class).isActive();
    } catch (jakarta.enterprise.context.ContextNotActiveException none) {
      return false;
    }
  }

  private static int[] ownedPositions(Method method) {
    Parameter[] params = method.getParameters();
    int n = 0;
    int[] found = new int[params.length];
    for (int i = 0; i < params.length; i++) {
      if (params[i].isAnnotationPresent(Owned.class)) {
        found[n++] = i;
      }
    }
    return n == 0 ? NONE : java.util.Arrays.copyOf(found, n);
  }
}
