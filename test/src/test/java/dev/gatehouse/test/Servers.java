package dev.gatehouse.test;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.jwt.GatehouseJwtFeature;
import dev.gatehouse.testkit.EmbeddedServer;
import java.security.SecureRandom;
import java.util.Base64;

/** The application of the test kit's tests: core and jwt, an HS256 test key. */
final class Servers {

  private Servers() {
  }

  static EmbeddedServer app() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class, GatehouseJwtFeature.class, Resources.WhoAmI.class,
            Resources.Messages.class)
        .property("gatehouse.jwt.issuer", "https://issuer.test")
        .property("gatehouse.jwt.audience", "test-kit")
        .property("gatehouse.jwt.secret", Base64.getEncoder().encodeToString(secret))
        .build();
  }
}
