package dev.gatehouse.compat.jpa;

import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** One query with the owner in it, through the container-managed EntityManager. */
@ApplicationScoped
public class GadgetResolver implements OwnershipResolver<Gadget> {

  @PersistenceContext
  EntityManager em;

  @Override
  public Optional<Gadget> findOwned(String id, Owner owner) {
    return em.createQuery("select g from Gadget g where g.id = :id and g.owner = :owner",
            Gadget.class)
        .setParameter("id", Long.valueOf(id))
        .setParameter("owner", owner.id())
        .getResultStream().findFirst();
  }

  @Override
  public boolean exists(String id) {
    return em.find(Gadget.class, Long.valueOf(id)) != null;
  }
}
