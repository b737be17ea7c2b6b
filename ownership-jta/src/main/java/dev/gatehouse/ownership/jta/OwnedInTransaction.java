package dev.gatehouse.ownership.jta;

import dev.gatehouse.ownership.internal.OwnedReload;
import dev.gatehouse.ownership.internal.ReloadsInTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * What the interceptors of this module share: after the transaction of a {@code @Transactional}
 * resource method has begun — JTA's interceptors run at {@code PLATFORM_BEFORE + 200} (Narayana,
 * Quarkus), these at {@link #PRIORITY} — the method's {@code @Owned} arguments are resolved again,
 * so the entity handed to the method is managed by that transaction.
 *
 * <p>Nothing to configure: add the dependency.
 *
 * <pre>{@code
 * @PUT @Path("/{id}") @RolesAllowed("**") @Transactional
 * public ItemView rename(@PathParam("id") @Owned Item item, @Valid Rename body) {
 *   item.name = body.name();          // saved at commit: item is managed
 *   return ItemView.of(item);
 * }
 * }</pre>
 */
@ApplicationScoped
public class OwnedInTransaction implements ReloadsInTransaction {

  /** After the platform's transaction interceptors, before the application's own. */
  static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 250;

  @Inject
  OwnedReload reload;

  Object proceed(InvocationContext context) throws Exception {
    Object[] args = context.getParameters();
    Object[] reloaded = reload.reload(context.getMethod(), args);
    if (reloaded != args) {
      context.setParameters(reloaded);
    }
    return context.proceed();
  }
}
