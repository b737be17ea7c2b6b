package dev.gatehouse.compat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A response with a null property, which the application's JSON settings leave out: JSON-B's
 * default on WildFly and Payara, {@code quarkus.jackson.serialization-inclusion=non-null} in the
 * Quarkus builds, {@link JacksonSettings} on Jersey.
 */
@Path("profile")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

  /** A profile; the nickname is often unset. */
  public record Profile(String name, String nickname) {
  }

  @GET
  @PermitAll
  public Profile profile() {
    return new Profile("Ada", null);
  }
}
