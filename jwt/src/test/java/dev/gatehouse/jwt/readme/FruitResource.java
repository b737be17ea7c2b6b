package dev.gatehouse.jwt.readme;

// readme:access-declared
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/fruits")
@RolesAllowed("**")                         // any authenticated caller
public class FruitResource {
  @GET @Path("/health") @PermitAll
  public String health() { return "UP"; }
}
// readme:end
