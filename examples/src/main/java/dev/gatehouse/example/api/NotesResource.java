package dev.gatehouse.example.api;

import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.Sortable;
import dev.gatehouse.core.lint.ResponseType;
import dev.gatehouse.example.api.Dtos.NoteCreate;
import dev.gatehouse.example.api.Dtos.NoteUpdate;
import dev.gatehouse.example.api.Dtos.NoteView;
import dev.gatehouse.example.data.Note;
import dev.gatehouse.example.data.Notes;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The caller's notes: every id is resolved for its owner only. */
@Path("/notes")
@RequestScoped
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotesResource {

  @Inject
  Owner owner;
  @Inject
  Notes notes;

  private long me() {
    return Long.parseLong(owner.id());
  }

  @GET
  public Page<NoteView> list(@BeanParam PageRequest page,
      @QueryParam("sort") @DefaultValue("createdAt,desc") @Sortable({"createdAt", "title"})
      SortSpec sort) {
    return Page.of(notes.listByOwner(me(), page.offset(), page.size(), sort).stream()
        .map(NoteView::of).toList(), page, notes.countByOwner(me()));
  }

  @POST
  @ResponseType(NoteView.class)
  public Response create(@Valid NoteCreate body) {
    // the account deleted while this request ran: its sessions are ending, and so does this one
    Note n = notes.create(me(), body.title(), body.body()).orElseThrow(() ->
        new ProblemException(Problem.unauthorized("subject_gone")));
    return Response.created(URI.create("/notes/" + n.id)).entity(NoteView.of(n)).build();
  }

  @GET
  @Path("/{id}")
  public NoteView get(@PathParam("id") @Owned Note note) {
    return NoteView.of(note);
  }

  @PUT
  @Path("/{id}")
  public NoteView update(@PathParam("id") @Owned Note note, @Valid NoteUpdate body) {
    return NoteView.of(notes.update(note.id, me(), body.title(), body.body())
        .orElseThrow(() -> new ProblemException(Problem.notFound())));
  }

  @DELETE
  @Path("/{id}")
  public void delete(@PathParam("id") @Owned Note note) {
    notes.delete(note.id, me());
  }
}
