package dev.gatehouse.ownership.support;

import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.lint.LintExempt;
import dev.gatehouse.core.lint.ResponseType;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import dev.gatehouse.ownership.Unowned;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A small notes application: the test subject of @Owned and of the lint's "correct app". */
public final class Notes {

  private Notes() {
  }

  /** The persistence entity (never in or out of the API). */
  @Entity
  public static class Note {
    public long id;
    public String owner;
    public String title;
  }

  /** Create body. */
  public record NoteCreate(@NotBlank @Size(max = 200) String title) {
  }

  /** Response body. */
  public record NoteView(long id, String title) {
    static NoteView of(Note n) {
      return new NoteView(n.id, n.title);
    }
  }

  /** The "database"; a switch makes it fail like an outage. */
  @ApplicationScoped
  public static class Store {
    private final Map<Long, Note> notes = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean down;

    public void down(boolean isDown) {
      this.down = isDown;
    }

    public Note get(long id) {
      if (down) {
        throw new dev.gatehouse.core.StoreUnavailableException("notes database",
            new java.io.IOException("connection refused"));
      }
      return notes.get(id);
    }

    public List<Note> all() {
      return List.copyOf(notes.values());
    }

    public void remove(long id) {
      notes.remove(id);
    }

    public Note add(String owner, String title) {
      Note n = new Note();
      n.id = ids.incrementAndGet();
      n.owner = owner;
      n.title = title;
      notes.put(n.id, n);
      return n;
    }
  }

  /** Finds a note only for its owner. */
  @ApplicationScoped
  public static class Resolver implements OwnershipResolver<Note> {
    @Inject
    Store store;

    @Override
    public Optional<Note> findOwned(String id, Owner owner) {
      Note n = store.get(Long.parseLong(id));
      return n != null && n.owner.equals(owner.id()) ? Optional.of(n) : Optional.empty();
    }

    @Override
    public boolean exists(String id) {
      return store.get(Long.parseLong(id)) != null;
    }
  }

  /** The API. */
  @Path("/notes")
  @RolesAllowed("**")
  @RequestScoped
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Resource {
    @Inject
    Owner owner;
    @Inject
    Store store;

    @GET
    public Page<NoteView> list(@BeanParam PageRequest page) {
      List<NoteView> mine = store.all().stream().filter(n -> n.owner.equals(owner.id()))
          .sorted(Comparator.comparingLong(n -> n.id)).map(NoteView::of).toList();
      return Page.of(mine.stream().skip(page.offset()).limit(page.size()).toList(), page,
          mine.size());
    }

    @POST
    @ResponseType(NoteView.class)
    public Response create(@Valid NoteCreate body) {
      Note n = store.add(owner.id(), body.title());
      return Response.created(URI.create("/notes/" + n.id)).entity(NoteView.of(n)).build();
    }

    @GET
    @Path("/{id}")
    public NoteView get(@PathParam("id") @Owned Note note) {
      return NoteView.of(note);
    }

    @PUT
    @Path("/{id}")
    public NoteView update(@PathParam("id") @Owned Note note, @Valid NoteCreate body) {
      note.title = body.title();
      return NoteView.of(note);
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") @Owned Note note) {
      store.remove(note.id);
    }
  }

  /** Deliberately public ids. */
  @Path("/profiles")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Profiles {
    @GET
    @Path("/{userId}")
    @PermitAll
    public Map<String, String> get(
        @PathParam("userId") @Unowned("profiles are public") @Size(max = 64) String userId) {
      return Map.of("user", userId);
    }

    @GET
    @Path("/countries")
    @PermitAll
    @LintExempt(rule = "paging", reason = "a fixed list of three")
    public List<String> countries() {
      return List.of("DE", "FR", "IT");
    }
  }
}
