package dev.gatehouse.compat;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** An endpoint with a bug: it fails with a message that names classes and a stack frame. */
@Path("bug")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BugResource {

  @GET
  @PermitAll
  public Map<String, Object> fail() {
    throw new IllegalStateException("java.sql.SQLException at dev.gatehouse.compat.Items.get"
        + "(Items.java:42): connection refused");
  }
}
