package dev.gatehouse.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.PublicApi;
import org.junit.jupiter.api.Test;

/** The module's public API names no internal type, so internals can change without breaking users. */
class PublicApiTest {

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    assertThat(PublicApi.of(PasswordHasher.class).leaks()).isEmpty();
  }
}
