package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.apifixture.LeakyApi;
import dev.gatehouse.testkit.PublicApi;
import org.junit.jupiter.api.Test;

/** The module's public API names no internal type, so internals can change without breaking users. */
class PublicApiTest {

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    assertThat(PublicApi.of(Problem.class).leaks()).isEmpty();
  }

  @Test
  void theCheckFindsAnInternalTypeInReturnsParametersAndTypeArguments() {
    assertThat(PublicApi.of(LeakyApi.class).leaks())
        .filteredOn(leak -> leak.startsWith(LeakyApi.class.getName()))
        .containsExactlyInAnyOrder(
            LeakyApi.class.getName() + ".returned: dev.gatehouse.core.internal.Cidr",
            LeakyApi.class.getName() + ".parameter: dev.gatehouse.core.internal.Cidr",
            LeakyApi.class.getName() + ".protectedGenericArray: dev.gatehouse.core.internal.Cidr");
  }
}
