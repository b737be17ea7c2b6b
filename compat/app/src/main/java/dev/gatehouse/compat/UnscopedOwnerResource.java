package dev.gatehouse.compat;

import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A resource without a scope annotation: per request on most runtimes, a singleton on Quarkus REST.
 * It injects {@link Owner} as the README shows, and the token, the way an existing service would.
 */
@Path("scoped/none")
@Produces(MediaType.APPLICATION_JSON)
public class UnscopedOwnerResource {

  @Inject
  Owner owner;
  @Inject
  JsonWebToken token;

  @GET
  @RolesAllowed("**")
  public Map<String, Object> whoami() {
    return Map.of("owner", owner.id(), "subject", String.valueOf(token.getSubject()));
  }
}
