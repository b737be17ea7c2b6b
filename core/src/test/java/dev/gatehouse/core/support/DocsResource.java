package dev.gatehouse.core.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Stands in for a documentation endpoint such as smallrye-open-api's. */
@Path("/openapi")
public class DocsResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> spec() {
    return Map.of("openapi", "3.1.0");
  }
}
