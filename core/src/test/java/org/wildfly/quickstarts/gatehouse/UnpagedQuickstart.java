package org.wildfly.quickstarts.gatehouse;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Returns a list without a {@code PageRequest}, in a package that starts like WildFly's. */
@Path("/unpaged-quickstart")
@Produces(MediaType.APPLICATION_JSON)
public class UnpagedQuickstart {

  @GET
  public List<String> all() {
    return List.of();
  }
}
