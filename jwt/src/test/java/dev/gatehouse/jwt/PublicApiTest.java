package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.PublicApi;
import java.lang.reflect.Modifier;
import java.security.Key;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The module's public API names no internal type, so internals can change without breaking users. */
class PublicApiTest {

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    assertThat(PublicApi.of(JwtSettings.class).leaks()).isEmpty();
  }

  @Test
  void settingsHandNoKeyMaterialToCallers() {
    assertThat(Arrays.stream(JwtSettings.class.getMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .filter(m -> Key.class.isAssignableFrom(m.getReturnType())
            || m.getGenericReturnType().getTypeName().matches(".*\\bjava\\.security\\..*Key\\b.*")
            || m.getGenericReturnType().getTypeName().contains("javax.crypto.SecretKey"))
        .map(m -> m.getName()))
        .as("the HMAC secret or a private key must not be readable from the settings")
        .isEmpty();
  }
}
