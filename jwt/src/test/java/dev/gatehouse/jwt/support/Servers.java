package dev.gatehouse.jwt.support;

import dev.gatehouse.jwt.GatehouseJwtFeature;
import dev.gatehouse.testkit.EmbeddedServer;
import java.security.SecureRandom;
import java.util.Base64;

/** Server set-ups for the jwt tests. */
public final class Servers {

  public static final String ISSUER = "https://issuer.test";
  public static final String AUDIENCE = "gatehouse-tests";

  private Servers() {
  }

  /** A fresh random HS256 secret, base64. */
  public static String secret(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** The jwt feature, the test resources, issuer and audience; add keys with properties. */
  public static EmbeddedServer.Builder base() {
    return EmbeddedServer.builder()
        .register(GatehouseJwtFeature.class, TestResources.Auth.class, TestResources.Me.class,
            TestResources.Admin.class, TestResources.Plain.class)
        .property("gatehouse.jwt.issuer", ISSUER)
        .property("gatehouse.jwt.audience", AUDIENCE);
  }

  /** HS256 with the given secret. */
  public static EmbeddedServer.Builder hs256(String secret) {
    return base().property("gatehouse.jwt.secret", secret);
  }
}
