package dev.gatehouse.ownership.readme;

// readme:owned-transactional
import dev.gatehouse.ownership.Owned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.*;

@Path("/gadgets") @ApplicationScoped
public class GadgetResource {
  @PersistenceContext EntityManager em;

  @PUT @Path("{id}") @RolesAllowed("**") @Transactional
  public GadgetView replace(@PathParam("id") @Owned Gadget gadget, GadgetWrite body) {
    gadget.setName(body.name());                          // saved at commit: gadget is managed
    return GadgetView.of(gadget);
  }

  @DELETE @Path("{id}") @RolesAllowed("**") @Transactional
  public void delete(@PathParam("id") @Owned Gadget gadget) { em.remove(gadget); }
}
// readme:end
