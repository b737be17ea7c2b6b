package io.quarkus.sample.gatehouse;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Returns a list without a {@code PageRequest}, in a package that starts like Quarkus's. */
@Path("/unpaged-sample")
@Produces(MediaType.APPLICATION_JSON)
public class UnpagedSample {

  @GET
  public List<String> all() {
    return List.of();
  }
}
