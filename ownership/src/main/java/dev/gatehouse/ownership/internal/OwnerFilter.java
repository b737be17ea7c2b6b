package dev.gatehouse.ownership.internal;

import dev.gatehouse.ownership.Owner;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** After authentication: records the caller as the request's {@link Owner}. */
public final class OwnerFilter implements ContainerRequestFilter {

  private final Instance<CurrentOwner> current;

  public OwnerFilter(Instance<CurrentOwner> current) {
    this.current = current;
  }

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
      current.get().set(owner);
    } catch (ContextNotActiveException noRequestScope) {
      // without a CDI request context @Owned cannot work; resolution then answers 401
    }
  }
}
