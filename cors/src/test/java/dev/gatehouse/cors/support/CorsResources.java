package dev.gatehouse.cors.support;

import dev.gatehouse.core.Problem;
import dev.gatehouse.cors.CorsOrigins;
import jakarta.annotation.Priority;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Endpoints behind an authentication wall that answers 401 to anyone anonymous. */
public final class CorsResources {

  private CorsResources() {
  }

  /** Refuses every request without X-Test-User, as a bearer filter would. */
  @Priority(Priorities.AUTHENTICATION + 1)
  public static class DenyAnonymous implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getSecurityContext().getUserPrincipal() == null) {
        request.abortWith(Problem.unauthorized("test_anonymous").toResponse());
      }
    }
  }

  /** Uses the configured origins. */
  @Path("/things")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Things {
    @GET
    public Map<String, String> get() {
      return Map.of("ok", "yes");
    }

    @PUT
    public Map<String, String> put() {
      return Map.of("ok", "yes");
    }

    @DELETE
    public void delete() {
    }
  }

  /** Called by a partner's site only. */
  @Path("/partner/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Partner {
    @GET
    @CorsOrigins("https://partner.example.com")
    public Map<String, String> get() {
      return Map.of("ok", "yes");
    }
  }
}
