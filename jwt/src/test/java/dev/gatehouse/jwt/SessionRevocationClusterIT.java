package dev.gatehouse.jwt;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RedisClusterTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session revocation, unchanged, with the refresh-token store and the deny-list on a real
 * three-master Redis Cluster: a token's and its session's denials live in different slots, and the
 * check asks both masters.
 */
class SessionRevocationClusterIT extends SessionRevocationContract {

  @RegisterExtension
  static final RedisClusterTestServer cluster = RedisClusterTestServer.shared();

  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = Servers.hs256(SECRET).property("gatehouse.redis.url", cluster.url()).build();
    server.beforeAll(null);
  }

  @AfterAll
  static void stop() {
    server.afterAll(null);
  }

  @Override
  EmbeddedServer server() {
    return server;
  }
}
