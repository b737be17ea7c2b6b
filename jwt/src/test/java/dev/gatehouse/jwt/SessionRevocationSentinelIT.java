package dev.gatehouse.jwt;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RedisSentinelTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session revocation, unchanged, through Redis Sentinel, every rotation, revocation and denial
 * waiting for the replica ({@code wait-replicas=1}).
 */
class SessionRevocationSentinelIT extends SessionRevocationContract {

  @RegisterExtension
  static final RedisSentinelTestServer sentinel = RedisSentinelTestServer.shared();

  static EmbeddedServer server;

  @BeforeAll
  static void start() {
    server = Servers.hs256(SECRET)
        .property("gatehouse.redis.sentinels", String.join(",", sentinel.sentinels()))
        .property("gatehouse.redis.master-name", sentinel.masterName())
        .property("gatehouse.redis.wait-replicas", "1").build();
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
