package dev.gatehouse.compat;

import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ownership.OwnershipResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Finds an item only for its owner. */
@ApplicationScoped
public class ItemResolver implements OwnershipResolver<Items.Item> {

  @Inject
  Items items;

  @Override
  public Optional<Items.Item> findOwned(String id, Owner owner) {
    Items.Item i = items.get(Long.parseLong(id));
    return i != null && i.owner().equals(owner.id()) ? Optional.of(i) : Optional.empty();
  }

  @Override
  public boolean exists(String id) {
    return items.get(Long.parseLong(id)) != null;
  }
}
