package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.jwt.support.TestBeans;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rotation, reuse detection, logout and expiry over HTTP, with the in-memory store. */
class RefreshTokenFlowTest {

  @RegisterExtension
  static final EmbeddedServer server = Servers.hs256(Servers.secret(32)).build();

  private RecordedEvents events;

  @BeforeEach
  void setUp() {
    events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
  }

  static JsonPath login(String subject) {
    server.cdi().select(TestBeans.class).get().grant(subject, Set.of("user"));
    return given().contentType("application/json")
        .body(Map.of("subject", subject, "roles", Set.of("user")))
        .post("/auth/login").then().statusCode(200).extract().jsonPath();
  }

  static io.restassured.response.ValidatableResponse refresh(String token) {
    return given().contentType("application/json").body(Map.of("refresh_token", token))
        .post("/auth/refresh").then();
  }

  @Test
  void loginAnswersTheTokenResponseShape() {
    JsonPath r = login("shape");
    assertThat(r.getString("token_type")).isEqualTo("Bearer");
    assertThat(r.getInt("expires_in")).isEqualTo(900);
    assertThat(r.getString("refresh_token")).matches("[A-Za-z0-9_-]{70}");
    assertThat(r.getString("access_token").split("\\.")).hasSize(3);
  }

  @Test
  void refreshRotatesTheRefreshTokenAndMintsANewAccessToken() {
    JsonPath first = login("rot");
    JsonPath second = refresh(first.getString("refresh_token")).statusCode(200).extract().jsonPath();
    assertThat(second.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));
    assertThat(second.getString("access_token")).isNotEqualTo(first.getString("access_token"));
    given().header("Authorization", "Bearer " + second.getString("access_token")).get("/me")
        .then().statusCode(200);
    refresh(second.getString("refresh_token")).statusCode(200);
  }

  @Test
  void reusingARotatedTokenRevokesTheWholeFamily() {
    String original = login("victim").getString("refresh_token");
    String current = refresh(original).statusCode(200).extract().path("refresh_token");
    events.clear();

    refresh(original).statusCode(401).contentType("application/problem+json");
    assertThat(events.all()).extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.REFRESH_TOKEN_REUSE);
    assertThat(events.all().get(0).subject()).as("the session's owner, for the alert")
        .isEqualTo("victim");
    // the legitimate holder's current token died with the family
    refresh(current).statusCode(401);
  }

  @Test
  void aReusedRefreshTokenGetsTheSame401AsABearerTokenChallengeAndAll() {
    String original = login("challenged").getString("refresh_token");
    refresh(original).statusCode(200);

    var reused = refresh(original).statusCode(401).extract();
    var forged = refresh("rt1.AAAA.BBBB").statusCode(401).extract();
    assertThat(reused.header("WWW-Authenticate")).as("RFC 9110: a 401 names its scheme")
        .isEqualTo("Bearer").isEqualTo(forged.header("WWW-Authenticate"));
    assertThat(reused.path("detail").toString()).isEqualTo(forged.path("detail").toString());
  }

  @Test
  void aRefreshThatFailsBeforeItCompletesCanBeRetriedWithTheSameToken() {
    String token = login("unlucky").getString("refresh_token");
    server.cdi().select(TestBeans.class).get().failOnce("unlucky");

    refresh(token).statusCode(503).header("Retry-After", "2");
    String next = refresh(token).statusCode(200).extract().path("refresh_token");
    refresh(next).statusCode(200);
    assertThat(events.all()).extracting(SecurityEvent::type)
        .doesNotContain(SecurityEventType.REFRESH_TOKEN_REUSE);
  }

  @Test
  void aLoginWhoseAccountIsDeletedBeforeItsSessionIsFiledGets401AndNoTokens() {
    // the application found the account and checked its password; then another instance deleted
    // it and ended its sessions, before this login filed its own: the test login checks nothing,
    // so a subject deleted beforehand is that interleaving
    TestBeans data = server.cdi().select(TestBeans.class).get();
    data.delete("raced");

    given().contentType("application/json").body(Map.of("subject", "raced"))
        .post("/auth/login").then().statusCode(401).contentType("application/problem+json")
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("access_token")));
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.AUTHENTICATION_FAILED);
      assertThat(e.reason()).isEqualTo("subject_gone");
    });
    assertThat(login("raced").getString("access_token")).as("the account back").isNotBlank();
  }

  @Test
  void aDeletedSubjectCannotRefreshAndEverySessionOfItEnds() {
    String phone = login("deleted").getString("refresh_token");
    String laptop = login("deleted").getString("refresh_token");
    TestBeans data = server.cdi().select(TestBeans.class).get();
    data.delete("deleted");
    events.clear();

    refresh(phone).statusCode(401).contentType("application/problem+json");
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.AUTHENTICATION_FAILED);
      assertThat(e.reason()).isEqualTo("subject_gone");
    });
    // revoked, not merely refused: an account that comes back under the same id starts afresh
    data.grant("deleted", Set.of("user"));
    refresh(phone).statusCode(401);
    refresh(laptop).statusCode(401);
  }

  @Test
  void anAccessTokenIsNotARefreshToken() {
    refresh(login("mix").getString("access_token")).statusCode(401);
  }

  @Test
  void garbageRefreshTokensAre401() {
    for (String bad : new String[] {"", "x", "A".repeat(64), "A".repeat(70), "!".repeat(70),
        "A".repeat(71)}) {
      refresh(bad).statusCode(401);
    }
    // the last character carries 4 spare bits: another spelling of a real token is not the token
    String token = login("spelling").getString("refresh_token");
    char last = token.charAt(69);
    String respelled = token.substring(0, 69) + (char) (last + 1); // A→B, Q→R, g→h, w→x
    refresh(respelled).statusCode(401);
    refresh(token).statusCode(200);
  }

  @Test
  void logoutRevokesTheRefreshTokenAndTheAccessToken() {
    JsonPath session = login("leaver");
    String access = session.getString("access_token");
    given().header("Authorization", "Bearer " + access).contentType("application/json")
        .body(Map.of("refresh_token", session.getString("refresh_token")))
        .post("/auth/logout").then().statusCode(204);
    refresh(session.getString("refresh_token")).statusCode(401);
    given().header("Authorization", "Bearer " + access).get("/me").then().statusCode(401);
  }

  @Test
  void logoutCannotRevokeSomeoneElsesSession() {
    JsonPath mine = login("mallory");
    JsonPath theirs = login("carol");
    given().header("Authorization", "Bearer " + mine.getString("access_token"))
        .contentType("application/json")
        .body(Map.of("refresh_token", theirs.getString("refresh_token")))
        .post("/auth/logout").then().statusCode(204);
    refresh(theirs.getString("refresh_token")).statusCode(200);
  }

  @Test
  void logoutEverywhereEndsEverySession() {
    JsonPath phone = login("many");
    JsonPath laptop = login("many");
    given().header("Authorization", "Bearer " + phone.getString("access_token"))
        .post("/auth/logout-all").then().statusCode(204);
    refresh(phone.getString("refresh_token")).statusCode(401);
    refresh(laptop.getString("refresh_token")).statusCode(401);
  }

  @Test
  void refreshUsesTheRolesTheApplicationHoldsNow() {
    JsonPath session = login("demoted");
    server.cdi().select(TestBeans.class).get().grant("demoted", Set.of("admin"));
    String access = refresh(session.getString("refresh_token")).statusCode(200).extract()
        .path("access_token");
    given().header("Authorization", "Bearer " + access).get("/admin").then().statusCode(200);
  }

  @Test
  void anIdleSessionExpires() {
    MutableClock clock = server.cdi().select(MutableClock.class).get();
    String token = login("idle").getString("refresh_token");
    clock.advance(Duration.ofDays(14).plusSeconds(1));
    refresh(token).statusCode(401);
  }

  @Test
  void anActiveSessionStillEndsAtItsAbsoluteAge() {
    MutableClock clock = server.cdi().select(MutableClock.class).get();
    String token = login("busy").getString("refresh_token");
    for (int day = 10; day < 30; day += 10) {
      clock.advance(Duration.ofDays(10));
      token = refresh(token).statusCode(200).extract().path("refresh_token");
    }
    clock.advance(Duration.ofDays(10));
    refresh(token).statusCode(401);
  }
}
