package dev.gatehouse.core.support;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.testkit.EmbeddedServer;

/** The server every core test starts: the core feature, the test authenticator and resources. */
public final class Fixtures {

  private Fixtures() {
  }

  public static EmbeddedServer.Builder server() {
    return EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class, TestAuthFilter.class, EchoResource.class,
            PagedResource.class, DocsResource.class);
  }
}
