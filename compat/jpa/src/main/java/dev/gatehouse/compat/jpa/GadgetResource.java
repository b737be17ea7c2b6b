package dev.gatehouse.compat.jpa;

import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * CRUD the way an existing JPA service writes it: a singleton resource, the entity changed in the
 * method's own {@code @Transactional} transaction and saved by the commit, no merge, no DTO copy
 * back. Only {@code @Owned} and {@code Owner} come from Gatehouse.
 */
@Path("gadgets")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class GadgetResource {

  /** The body of POST and PUT. */
  public record GadgetWrite(@NotBlank @Size(max = 50) String name,
                            @Min(0) @Max(1000) int quantity) {
  }

  /** The body of PATCH. */
  public record GadgetPatch(@Min(0) @Max(1000) int quantity) {
  }

  /** A gadget as the API shows it. */
  public record GadgetView(long id, String name, int quantity) {
    static GadgetView of(Gadget g) {
      return new GadgetView(g.getId(), g.getName(), g.getQuantity());
    }
  }

  @PersistenceContext
  EntityManager em;
  @Inject
  Owner owner;

  @POST
  @RolesAllowed("**")
  @Transactional
  @Consumes(MediaType.APPLICATION_JSON)
  public GadgetView create(GadgetWrite body) {
    Gadget g = new Gadget(owner.id(), body.name(), body.quantity());
    em.persist(g);
    em.flush();
    return GadgetView.of(g);
  }

  @GET
  @Path("{id}")
  @RolesAllowed("**")
  public GadgetView get(@PathParam("id") @Owned Gadget gadget) {
    return GadgetView.of(gadget);
  }

  @PUT
  @Path("{id}")
  @RolesAllowed("**")
  @Transactional
  @Consumes(MediaType.APPLICATION_JSON)
  public GadgetView replace(@PathParam("id") @Owned Gadget gadget, GadgetWrite body) {
    gadget.setName(body.name());
    gadget.setQuantity(body.quantity());
    return GadgetView.of(gadget);
  }

  @PATCH
  @Path("{id}")
  @RolesAllowed("**")
  @Transactional
  @Consumes(MediaType.APPLICATION_JSON)
  public GadgetView patch(@PathParam("id") @Owned Gadget gadget, GadgetPatch body) {
    gadget.setQuantity(body.quantity());
    return GadgetView.of(gadget);
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed("**")
  @Transactional
  public void delete(@PathParam("id") @Owned Gadget gadget) {
    em.remove(gadget);
  }
}
