package org.wildfly.quickstarts.compat;

import dev.gatehouse.compat.Items;
import dev.gatehouse.ownership.Owned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * An existing service's resource, written the way WildFly's quickstarts are — in a package under
 * {@code org.wildfly.}. Gatehouse must lint and report it like any other. (Its owned id carries
 * {@code @PathParam}: bound by its name alone it would be the request body outside Quarkus REST,
 * which Gatehouse refuses for an {@code @Owned} parameter.)
 */
@Path("/quickstart/items")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QuickstartItems {

  @GET
  @Path("{id}")
  @RolesAllowed("**")
  public Map<String, Object> item(@PathParam("id") @Owned Items.Item id) {
    return Map.of("name", id.name());
  }
}
