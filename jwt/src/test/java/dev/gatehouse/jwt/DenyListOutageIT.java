package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.jwt.support.TestResources;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RedisTestServer;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code on-store-failure=allow}, a deny-list that cannot be read lets a valid token through
 * on its signature and claims, checked once: the request costs the key no more uses than one with
 * the deny-list up.
 */
class DenyListOutageIT {

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.ownEmbedded();

  /** An HMAC secret that counts how often its bytes are read: once or more per signature check. */
  static final class CountingKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes = Base64.getDecoder().decode(Servers.secret(32));
    private final transient AtomicInteger reads = new AtomicInteger();

    @Override
    public String getAlgorithm() {
      return "HmacSHA256";
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      reads.incrementAndGet();
      return bytes.clone();
    }

    int reads() {
      return reads.get();
    }
  }

  private static String login(String subject) {
    return given().contentType("application/json").body(Map.of("subject", subject))
        .post("/auth/login").then().statusCode(200).extract().path("access_token");
  }

  private static int me(String token) {
    return given().header("Authorization", "Bearer " + token).get("/me").then().extract()
        .statusCode();
  }

  @Test
  void anUnreadableDenyListDoesNotMakeTheSignatureBeCheckedTwice() {
    CountingKey key = new CountingKey();
    JwtSettings settings = JwtSettings.builder().issuer(Servers.ISSUER)
        .audience(Servers.AUDIENCE).hmacSecret(key).allowOnDenyListFailure(true).build();
    EmbeddedServer server = EmbeddedServer.builder()
        .registerInstances(new GatehouseJwtFeature(settings))
        .register(TestResources.Auth.class, TestResources.Me.class)
        .property("gatehouse.redis.url", redis.url())
        .property("gatehouse.redis.timeout", "PT2S") // a stopped Redis refuses at once
        .build();
    boolean stopped = false;
    try {
      server.beforeAll(null);
      // two tokens, each presented for the first time below: a token verified before is not
      // verified again (the verifier keeps it), so each measure is of one first verification
      String whileUp = login("once");
      String whileDown = login("twice");
      int before = key.reads();
      assertThat(me(whileUp)).isEqualTo(200);
      int withStore = key.reads() - before;
      assertThat(withStore).isPositive();

      redis.stop();
      stopped = true;
      before = key.reads();
      assertThat(me(whileDown)).isEqualTo(200);
      assertThat(key.reads() - before).isEqualTo(withStore);
      assertThat(me(whileDown.substring(0, whileDown.length() - 2) + "AA")).isEqualTo(401);
    } finally {
      server.afterAll(null);
      if (stopped) {
        redis.start();
      }
    }
  }
}
