package dev.gatehouse.compat.broken;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * An endpoint that does not say who may call it: an application containing it must not start
 * (the lint's {@code access} rule, in its default {@code fail} mode).
 */
@Path("/undeclared")
@RequestScoped
public class UndeclaredResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> undeclared() {
    return Map.of("reachable", true);
  }
}
