package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.internal.Runtimes;
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** After authentication: records the caller as the request's {@link Owner}. */
@Provider
@Priority(GatehousePriorities.OWNER)
public final class OwnerFilter implements ContainerRequestFilter {

  private final Runtimes<OwnershipRuntime> runtime = Runtimes.of(OwnershipRuntime.class);

  @Override
  public void filter(ContainerRequestContext request) {
    SecurityContext sc = request.getSecurityContext();
    Principal p = sc == null ? null : sc.getUserPrincipal();
    if (p == null) {
      return;
    }
    Owner owner = p instanceof JsonWebToken jwt && jwt.getSubject() != null
        ? new Owner(jwt.getSubject(), jwt.getGroups() == null ? Set.of() : jwt.getGroups())
        : new Owner(p.getName(), Set.of());
    try {
      runtime.get().currentOwner().set(owner);
    } catch (ContextNotActiveException noRequestScope) {
      // without a CDI request context @Owned cannot work; resolution then answers 401
    }
  }
}
