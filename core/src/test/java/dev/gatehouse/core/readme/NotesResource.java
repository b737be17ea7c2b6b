package dev.gatehouse.core.readme;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Stands in for the reader's own resource in {@link App}. */
@Path("/notes")
public class NotesResource {
  @GET
  @PermitAll
  public String hello() {
    return "notes";
  }
}
