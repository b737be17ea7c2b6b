package dev.gatehouse.example.api;

import dev.gatehouse.example.api.Dtos.Health;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Liveness, public. */
@Path("/health")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @GET
  public Health health() {
    return new Health("UP");
  }
}
