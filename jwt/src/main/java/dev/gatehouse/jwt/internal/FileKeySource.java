package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Key material in a file the property names — a mounted secret, such as a Kubernetes or Docker
 * secret — read once at start-up, surrounding whitespace dropped.
 *
 * @param property the property holding the path
 */
record FileKeySource(String property) implements KeySource {

  @Override
  public Optional<String> read(ConfigReader in) {
    Optional<String> path = in.string(property);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(Path.of(path.get()), StandardCharsets.UTF_8).trim());
    } catch (IOException | RuntimeException e) {
      in.problem(property, path.get(), "cannot be read; mount the secret there or fix the path");
      return Optional.empty();
    }
  }
}
