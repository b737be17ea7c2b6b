package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import java.util.Optional;

/**
 * Key material given as the value of a property itself (and so, with MicroProfile Config, as an
 * environment variable). Secret material (an HMAC secret, a private key) is refused when a
 * configuration file packaged inside the application holds it
 * ({@link ConfigReader#refusePackaged}); public keys are not secret.
 *
 * @param property the property holding the material
 * @param fileProperty for secret material, the property of its file form, which the refusal
 *     suggests; null for public material
 */
record InlineKeySource(String property, String fileProperty) implements KeySource {

  /** Public material, such as verification keys. */
  static InlineKeySource publicMaterial(String property) {
    return new InlineKeySource(property, null);
  }

  /** Secret material, whose file form is {@code fileProperty}. */
  static InlineKeySource secret(String property, String fileProperty) {
    return new InlineKeySource(property, fileProperty);
  }

  @Override
  public Optional<String> read(ConfigReader in) {
    Optional<String> value = in.string(property);
    if (value.isPresent() && fileProperty != null && !in.refusePackaged(property, fileProperty)) {
      return Optional.empty();
    }
    return value;
  }

  @Override
  public void refuseUnsetPackaged(ConfigReader in) {
    if (fileProperty != null) {
      in.refusePackaged(property, fileProperty);
    }
  }
}
