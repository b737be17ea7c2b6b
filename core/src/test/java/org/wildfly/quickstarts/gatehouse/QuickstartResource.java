package org.wildfly.quickstarts.gatehouse;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * An application resource in a package that starts like WildFly's own, as the WildFly quickstarts
 * are: the lint must check and report it like any other.
 */
@Path("/quickstart")
@Produces(MediaType.APPLICATION_JSON)
public class QuickstartResource {

  @GET
  @Path("/{name}")
  public Map<String, String> greet(@PathParam("name") String name) {
    return Map.of("hello", name);
  }
}
