package dev.gatehouse.ownership.readme;

import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.*;

// readme:owned-panache-resource
@Path("/fruits") @RolesAllowed("**")
public class FruitResource {
  @Inject Owner owner;

  @PUT @Path("{id}") @Transactional
  public FruitView rename(@PathParam("id") @Owned Fruit fruit, FruitRename body) {
    fruit.name = body.name();                                  // saved at commit
    return FruitView.of(fruit);
  }

  @DELETE @Path("{id}") @Transactional
  public void delete(@PathParam("id") @Owned Fruit fruit) { fruit.delete(); }
}
// readme:end
