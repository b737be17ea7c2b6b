package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code kid} of an HMAC secret: derived (not a hash of the secret), the same on every
 * instance sharing the secret, or configured with {@code gatehouse.jwt.key-id}.
 */
class HmacKeyIdTest {

  private static final String SECRET = Servers.secret(32);

  private static String login() {
    return given().contentType("application/json").body(Map.of("subject", "kim"))
        .post("/auth/login").then().statusCode(200).extract().path("access_token");
  }

  private static int me(String token) {
    return given().header("Authorization", "Bearer " + token).get("/me").then().extract()
        .statusCode();
  }

  private static String kidOf(String token) {
    String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]),
        StandardCharsets.UTF_8);
    return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
  }

  /** Runs {@code body} against a fresh server, then stops it. */
  private static <T> T with(EmbeddedServer server, java.util.function.Supplier<T> body) {
    try {
      server.beforeAll(null);
      return body.get();
    } finally {
      server.afterAll(null);
    }
  }

  @Test
  void theDerivedKidIsShortAndNotAHashOfTheSecret() {
    String token = with(Servers.hs256(SECRET).build(), HmacKeyIdTest::login);
    byte[] secret = Base64.getDecoder().decode(SECRET);
    assertThat(kidOf(token)).isEqualTo(Forge.hmacKid(secret)).hasSize(11)
        .isNotEqualTo(Forge.sha256Kid(secret));
    assertThat(Forge.sha256Kid(secret)).doesNotContain(kidOf(token).substring(3));
  }

  @Test
  void instancesSharingTheSecretAcceptEachOthersTokens() {
    String fromA = with(Servers.hs256(SECRET).build(), HmacKeyIdTest::login);
    int onB = with(Servers.hs256(SECRET).build(), () -> me(fromA));
    assertThat(onB).isEqualTo(200);
    int onOtherSecret = with(Servers.hs256(Servers.secret(32)).build(), () -> me(fromA));
    assertThat(onOtherSecret).isEqualTo(401);
  }

  @Test
  void aConfiguredKeyIdIsUsedAndTheDerivedOneNoLongerMatches() {
    EmbeddedServer server = Servers.hs256(SECRET).property("gatehouse.jwt.key-id", "2026-11")
        .build();
    with(server, () -> {
      String token = login();
      assertThat(kidOf(token)).isEqualTo("2026-11");
      assertThat(me(token)).isEqualTo(200);
      MutableClock clock = server.cdi().select(MutableClock.class).get();
      assertThat(me(Forge.valid(SECRET, clock.instant()).sign())).isEqualTo(401);
      assertThat(me(Forge.valid(SECRET, clock.instant()).header("kid", "2026-11").sign()))
          .isEqualTo(200);
      return null;
    });
  }
}
