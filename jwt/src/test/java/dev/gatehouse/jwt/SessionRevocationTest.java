package dev.gatehouse.jwt;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session revocation with the in-memory refresh-token store and deny-list. */
class SessionRevocationTest extends SessionRevocationContract {

  @RegisterExtension
  static final EmbeddedServer server = Servers.hs256(SECRET).build();

  @Override
  EmbeddedServer server() {
    return server;
  }
}
