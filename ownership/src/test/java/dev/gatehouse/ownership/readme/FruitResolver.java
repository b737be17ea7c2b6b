package dev.gatehouse.ownership.readme;

// readme:owned-panache-resolver
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.*;
import java.util.Optional;

@ApplicationScoped
public class FruitResolver implements OwnershipResolver<Fruit> {
  public Optional<Fruit> findOwned(String id, Owner owner) {   // Panache
    return Fruit.find("id = ?1 and owner = ?2", Long.valueOf(id), owner.id()).firstResultOptional();
  }
}
// readme:end
