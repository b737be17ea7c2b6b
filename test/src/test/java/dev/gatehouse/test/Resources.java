package dev.gatehouse.test;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** A small application for the tests of the test kit. */
final class Resources {

  private Resources() {
  }

  /** Who the caller is. */
  @Path("/whoami")
  @RolesAllowed("**")
  @Produces(MediaType.APPLICATION_JSON)
  public static class WhoAmI {

    @GET
    public Map<String, Object> get(@Context SecurityContext security) {
      return Map.of("subject", security.getUserPrincipal().getName(),
          "writer", security.isUserInRole("writer"));
    }

    @GET
    @Path("/writer")
    @RolesAllowed("writer")
    public Map<String, String> writer() {
      return Map.of("ok", "writer");
    }

    @DELETE
    @DenyAll
    public void never() {
    }
  }

  /** A record the service reads. */
  public record Message(@NotBlank @Size(max = 100) String text) {
  }

  /** Public and authenticated endpoints with bodies. */
  @Path("/messages")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Messages {

    @POST
    @RolesAllowed("writer")
    public Map<String, String> post(@jakarta.validation.Valid Message m) {
      return Map.of("text", m.text());
    }

    @GET
    @Path("/public")
    @PermitAll
    public Map<String, String> open() {
      return Map.of("hello", "world");
    }
  }
}
