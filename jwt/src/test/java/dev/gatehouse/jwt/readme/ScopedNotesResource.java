package dev.gatehouse.jwt.readme;

import dev.gatehouse.core.PageRequest;
import dev.gatehouse.jwt.RequireScopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** The resource around the README's {@code @RequireScopes} method. */
@Path("/")
public class ScopedNotesResource {
  @Inject Notes notes;

  // readme:require-scopes
  @GET @Path("/notes")
  @RolesAllowed("reader")
  @RequireScopes("notes:read")
  public List<NoteView> list(@BeanParam PageRequest page) { return notes.list(page); }
  // readme:end
}
