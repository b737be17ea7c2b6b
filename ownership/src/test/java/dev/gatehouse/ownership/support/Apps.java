package dev.gatehouse.ownership.support;

import dev.gatehouse.jwt.TokenIssuer;
import dev.gatehouse.ownership.GatehouseOwnershipFeature;
import dev.gatehouse.testkit.EmbeddedServer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** The ownership test application. */
public final class Apps {

  private Apps() {
  }

  public static EmbeddedServer.Builder server() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return EmbeddedServer.builder()
        .register(GatehouseOwnershipFeature.class)
        .property("gatehouse.jwt.issuer", "https://issuer.test")
        .property("gatehouse.jwt.audience", "ownership-tests")
        .property("gatehouse.jwt.secret", Base64.getEncoder().encodeToString(secret));
  }

  public static EmbeddedServer.Builder notes() {
    return server().register(Notes.Resource.class, Notes.Profiles.class);
  }

  /** An access token for {@code subject}, issued by the server itself. */
  public static String token(EmbeddedServer server, String subject) {
    return server.cdi().select(TokenIssuer.class).get().issue(subject, Set.of("user"), Map.of())
        .accessToken();
  }
}
