package dev.gatehouse.compat;

import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A {@code @jakarta.inject.Singleton} resource: one instance, and no client proxy around it.
 * It injects {@link Owner} as the README shows, and the token, the way an existing service would.
 */
@Path("scoped/singleton")
@Singleton
@Produces(MediaType.APPLICATION_JSON)
public class SingletonOwnerResource {

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
