package org.wildfly.quickstarts.broken;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * A second resource class that breaks the lint, in a package under {@code org.wildfly.}: it does
 * not say who may call it, and its id, bound by name, is neither owned nor unowned. The refusal
 * must list its problems beside {@code UndeclaredResource}'s, each once.
 */
@Path("/quickstart/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QuickstartOrders {

  @GET
  @Path("{id}")
  public Map<String, Object> order(long id) {
    return Map.of("id", id);
  }
}
