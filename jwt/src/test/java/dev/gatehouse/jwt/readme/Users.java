package dev.gatehouse.jwt.readme;

import java.util.Optional;

/** Stands in for the reader's own user repository. */
public interface Users {
  Optional<User> byId(Long id);
}
