package dev.gatehouse.ownership.readme;

import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;

// readme:owned-resource
@Path("/notes") @RolesAllowed("**")                        // "**": any authenticated caller
public class NotesResource {
  @Inject Owner owner;
  @Inject Notes notes;

  @GET @Path("/{id}")
  public NoteView get(@PathParam("id") @Owned Note note) { return NoteView.of(note); }

  @GET
  public Page<NoteView> list(@BeanParam PageRequest page) { return notes.listByOwner(owner.id(), page); }
}
// readme:end
