package dev.gatehouse.compat.quarkus;

import dev.gatehouse.compat.Items;
import dev.gatehouse.ownership.Owned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A Quarkus REST resource as Quarkus users write it, with Quarkus's own {@code @RestPath}: only in
 * this build, since no other runtime has the annotation. Gatehouse reads the owned id from it.
 */
@Path("rest-path/items")
@Produces(MediaType.APPLICATION_JSON)
public class RestPathItems {

  @GET
  @Path("{id}")
  @RolesAllowed("**")
  public Map<String, Object> item(@RestPath("id") @Owned Items.Item item) {
    return Map.of("name", item.name());
  }
}
