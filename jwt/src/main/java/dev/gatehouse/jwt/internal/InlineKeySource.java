package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import java.util.Optional;

/**
 * Key material given as the value of a property itself (and so, with MicroProfile Config, as an
 * environment variable).
 *
 * @param property the property holding the material
 */
record InlineKeySource(String property) implements KeySource {

  @Override
  public Optional<String> read(ConfigReader in) {
    return in.string(property);
  }
}
