package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.TestBeans;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revocation ends whole sessions, over HTTP: every access token issued in a session is refused
 * once the session is revoked, until it could no longer be accepted anyway. Run with the in-memory
 * stores ({@link SessionRevocationTest}) and with Redis ({@link SessionRevocationRedisIT}).
 */
abstract class SessionRevocationContract {

  static final String SECRET = dev.gatehouse.jwt.support.Servers.secret(32);

  abstract EmbeddedServer server();

  MutableClock clock;

  @BeforeEach
  void realTime() {
    // smallrye-jwt checks iat against the real clock: keep the test clock at real time
    clock = server().cdi().select(MutableClock.class).get();
    clock.set(Instant.now());
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  JsonPath login(String subject) {
    server().cdi().select(TestBeans.class).get().grant(subject, Set.of("user"));
    return given().contentType("application/json")
        .body(Map.of("subject", subject, "roles", Set.of("user")))
        .post("/auth/login").then().statusCode(200).extract().jsonPath();
  }

  static JsonPath refresh(String refreshToken) {
    return given().contentType("application/json").body(Map.of("refresh_token", refreshToken))
        .post("/auth/refresh").then().statusCode(200).extract().jsonPath();
  }

  static int refreshStatus(String refreshToken) {
    return given().contentType("application/json").body(Map.of("refresh_token", refreshToken))
        .post("/auth/refresh").then().extract().statusCode();
  }

  static ValidatableResponse me(String accessToken) {
    return given().header("Authorization", "Bearer " + accessToken).get("/me").then();
  }

  static void logout(String accessToken, String refreshToken) {
    given().header("Authorization", "Bearer " + accessToken).contentType("application/json")
        .body(refreshToken == null ? Map.of() : Map.of("refresh_token", refreshToken))
        .post("/auth/logout").then().statusCode(204);
  }

  static JsonPath claims(String accessToken) {
    return JsonPath.from(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1])));
  }

  @Test
  void accessTokensCarryTheirSessionWhichStaysTheSameAcrossRefreshes() {
    JsonPath first = login(unique("sid"));
    JsonPath second = refresh(first.getString("refresh_token"));
    String sid = claims(first.getString("access_token")).getString("sid");
    assertThat(sid).matches("[A-Za-z0-9_-]{22}");
    assertThat(claims(second.getString("access_token")).getString("sid")).isEqualTo(sid);
    assertThat(claims(login(unique("sid")).getString("access_token")).getString("sid"))
        .isNotEqualTo(sid);
  }

  @Test
  void logoutRefusesTheAccessTokenIssuedBeforeTheLastRefresh() {
    JsonPath first = login(unique("two-tokens"));
    JsonPath second = refresh(first.getString("refresh_token"));
    me(first.getString("access_token")).statusCode(200);

    logout(second.getString("access_token"), second.getString("refresh_token"));
    me(first.getString("access_token")).statusCode(401);
    me(second.getString("access_token")).statusCode(401);
    assertThat(refreshStatus(second.getString("refresh_token"))).isEqualTo(401);
  }

  @Test
  void logoutWithoutTheRefreshTokenStillEndsTheWholeSession() {
    JsonPath session = login(unique("forgetful"));
    logout(session.getString("access_token"), null);
    assertThat(refreshStatus(session.getString("refresh_token"))).isEqualTo(401);
  }

  @Test
  void aLogoutLeavesTheSubjectsOtherSessionsAlone() {
    String subject = unique("two-devices");
    JsonPath phone = login(subject);
    JsonPath laptop = login(subject);
    logout(phone.getString("access_token"), phone.getString("refresh_token"));
    me(laptop.getString("access_token")).statusCode(200);
    refresh(laptop.getString("refresh_token"));
  }

  @Test
  void afterReuseDetectionTheAttackersAndTheVictimsAccessTokensAreRefused() {
    JsonPath victim = login(unique("victim"));
    String stolen = victim.getString("refresh_token");
    JsonPath attacker = refresh(stolen);
    me(attacker.getString("access_token")).statusCode(200);

    assertThat(refreshStatus(stolen)).isEqualTo(401); // the victim's next refresh: reuse
    me(victim.getString("access_token")).statusCode(401);
    me(attacker.getString("access_token")).statusCode(401);
    assertThat(refreshStatus(attacker.getString("refresh_token"))).isEqualTo(401);
  }

  @Test
  void logoutEverywhereRefusesTheAccessTokensOfEverySession() {
    String subject = unique("everywhere");
    JsonPath phone = login(subject);
    JsonPath laptop = login(subject);
    JsonPath laptopLater = refresh(laptop.getString("refresh_token"));
    given().header("Authorization", "Bearer " + phone.getString("access_token"))
        .post("/auth/logout-all").then().statusCode(204);
    me(phone.getString("access_token")).statusCode(401);
    me(laptop.getString("access_token")).statusCode(401);
    me(laptopLater.getString("access_token")).statusCode(401);
  }

  @Test
  void aDeletedSubjectsAccessTokensAreRefusedOnceARefreshFindsItGone() {
    String subject = unique("deleted");
    JsonPath phone = login(subject);
    JsonPath laptop = login(subject);
    server().cdi().select(TestBeans.class).get().delete(subject);
    assertThat(refreshStatus(phone.getString("refresh_token"))).isEqualTo(401);
    me(phone.getString("access_token")).statusCode(401);
    me(laptop.getString("access_token")).statusCode(401);
    assertThat(refreshStatus(laptop.getString("refresh_token"))).isEqualTo(401);
  }

  @Test
  void aLoggedOutTokenIsStillRefusedAfterItsExpiryWithinTheClockSkew() {
    JsonPath out = login(unique("skew"));
    JsonPath stillIn = login(unique("skew"));
    logout(out.getString("access_token"), out.getString("refresh_token"));

    clock.advance(Duration.ofMinutes(15).plusSeconds(20)); // exp passed; the skew is 30 s
    me(stillIn.getString("access_token")).statusCode(200);
    me(out.getString("access_token")).statusCode(401);
  }

  @Test
  void aTokenWithoutASessionIsDeniedByItsJtiUntilItsExpiryPlusTheSkew() {
    Instant now = clock.instant();
    String out = Forge.valid(SECRET, now).claim("sub", unique("elsewhere")).sign();
    String stillIn = Forge.valid(SECRET, now).claim("sub", unique("elsewhere")).sign();
    assertThat(claims(out).getString("sid")).isNull();
    logout(out, null);

    clock.advance(Duration.ofSeconds(600 + 20)); // Forge's tokens live 600 s
    me(stillIn).statusCode(200);
    me(out).statusCode(401);
  }

  @Test
  void aSessionClaimThatIsNotAnIdIsRefused() {
    Instant now = clock.instant();
    me(Forge.valid(SECRET, now).claim("sid", 42).sign()).statusCode(401);
    me(Forge.valid(SECRET, now).claim("sid", "x".repeat(257)).sign()).statusCode(401);
    me(Forge.valid(SECRET, now).claim("sid", "a-session").sign()).statusCode(200);
  }
}
