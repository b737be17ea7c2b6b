package org.wildfly.quickstarts.compat;

import dev.gatehouse.compat.Items;
import dev.gatehouse.ownership.Owned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * An existing service's resource, written the way WildFly's quickstarts are — in a package under
 * {@code org.wildfly.} — whose id is bound by its name alone, as Quarkus REST allows. Gatehouse
 * must lint and report it like any other, and read its owned id from the path.
 */
@Path("/quickstart/items")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QuickstartItems {

  @GET
  @Path("{id}")
  @RolesAllowed("**")
  public Map<String, Object> item(@Owned Items.Item id) {
    return Map.of("name", id.name());
  }
}
