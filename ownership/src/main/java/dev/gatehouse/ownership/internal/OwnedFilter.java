package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.core.spi.Matched;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * Resolves every {@code @Owned} parameter of the matched endpoint after authorization and before
 * the method runs: someone else's object, or a missing one, is the one 404 here, before any
 * parameter conversion or body reading. The resolved objects are kept for the request, and the
 * parameter converter hands exactly those to the method — so ownership is enforced by this filter
 * even on a runtime that would not consult Gatehouse's converter. It claims {@link #MARK} on each
 * request it checked; core refuses an endpoint request without it.
 */
@Provider
@Priority(GatehousePriorities.OWNED)
public final class OwnedFilter implements ContainerRequestFilter {

  static final String MARK = "dev.gatehouse.ownership.resolved";

  private final Lazy<OwnershipRuntime> runtime = Lazy.bean(OwnershipRuntime.class);

  @Override
  public void filter(ContainerRequestContext request) {
    OwnedParams owned = Matched.claim(request, OwnershipModule.NAME, MARK, OwnedParams.class);
    if (owned == null || owned.params().isEmpty()) {
      return;
    }
    OwnershipRuntime r = runtime.get();
    Owner owner = r.currentOwner().require();
    UriInfo uri = request.getUriInfo();
    MultivaluedMap<String, String> path = uri.getPathParameters();
    MultivaluedMap<String, String> query = null;
    OwnedObjects objects = r.ownedObjects();
    for (OwnedParams.Param p : owned.params()) {
      String id;
      if (p.path()) {
        id = path.getFirst(p.name());
      } else {
        query = query != null ? query : uri.getQueryParameters();
        id = query.getFirst(p.name());
      }
      objects.put(p.type(), id, resolve(p.resolver(), id, owner));
    }
  }

  private static <T> T resolve(OwnershipResolver<T> resolver, String id, Owner owner) {
    return OwnedResolution.resolve(resolver, id, owner);
  }
}
