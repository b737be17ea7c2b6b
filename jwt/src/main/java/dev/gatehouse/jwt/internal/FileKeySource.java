package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import java.util.Optional;

/**
 * Key material in a file the property names — a mounted secret, such as a Kubernetes or Docker
 * secret — read at start-up by {@link ConfigReader#file(String)} (missing, unreadable, empty or
 * oversized files refused, naming the property and the path), surrounding whitespace dropped.
 *
 * @param property the property holding the path
 */
record FileKeySource(String property) implements KeySource {

  @Override
  public Optional<String> read(ConfigReader in) {
    return in.file(property).map(String::trim);
  }
}
