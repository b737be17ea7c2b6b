package dev.gatehouse.ownership.support;

import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Resources written the way existing services write them, each injecting {@link Owner} into a
 * bean of another scope — and a service that does, called from a request-scoped resource.
 */
public final class Scopes {

  private Scopes() {
  }

  /** An {@code @ApplicationScoped} resource: one instance for every caller. */
  @Path("/scoped/application")
  @ApplicationScoped
  @Produces(MediaType.APPLICATION_JSON)
  public static class ApplicationResource {
    @Inject
    Owner owner;

    @GET
    @RolesAllowed("**")
    public Map<String, Object> whoami() {
      return Map.of("owner", owner.id());
    }
  }

  /** A {@code @Singleton} resource (the pseudo-scope: no proxy around the resource itself). */
  @Path("/scoped/singleton")
  @Singleton
  @Produces(MediaType.APPLICATION_JSON)
  public static class SingletonResource {
    @Inject
    Owner owner;

    @GET
    @RolesAllowed("**")
    public Map<String, Object> whoami() {
      return Map.of("owner", owner.id());
    }
  }

  /** A {@code @Dependent} resource. */
  @Path("/scoped/dependent")
  @Dependent
  @Produces(MediaType.APPLICATION_JSON)
  public static class DependentResource {
    @Inject
    Owner owner;

    @GET
    @RolesAllowed("**")
    public Map<String, Object> whoami() {
      return Map.of("owner", owner.id());
    }
  }

  /** An application-scoped service that keeps the {@code Owner} it was given. */
  @ApplicationScoped
  public static class OwnerService {
    @Inject
    Owner owner;

    public String current() {
      return owner.id();
    }
  }

  /** A request-scoped resource asking that service. */
  @Path("/scoped/service")
  @RequestScoped
  @Produces(MediaType.APPLICATION_JSON)
  public static class ServiceResource {
    @Inject
    OwnerService service;

    @GET
    @RolesAllowed("**")
    public Map<String, Object> whoami() {
      return Map.of("owner", service.current());
    }
  }
}
