package dev.gatehouse.ownership;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.ownership.support.Apps;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnedTest {

  @RegisterExtension
  static final EmbeddedServer server = Apps.notes().build();

  static String alice;
  static String bob;

  @BeforeAll
  static void tokens() {
    alice = Apps.token(server, "alice");
    bob = Apps.token(server, "bob");
  }

  static RequestSpecification as(String token) {
    return given().header("Authorization", "Bearer " + token).contentType("application/json");
  }

  static long create(String token, String title) {
    return as(token).body(Map.of("title", title)).post("/notes").then().statusCode(201)
        .extract().jsonPath().getLong("id");
  }

  @Test
  void theOwnerReadsUpdatesAndDeletesItsNote() {
    long id = create(alice, "mine");
    as(alice).get("/notes/" + id).then().statusCode(200).body("title", equalTo("mine"));
    as(alice).body(Map.of("title", "renamed")).put("/notes/" + id).then().statusCode(200)
        .body("title", equalTo("renamed"));
    as(alice).delete("/notes/" + id).then().statusCode(204);
    as(alice).get("/notes/" + id).then().statusCode(404);
  }

  @Test
  void someoneElsesNoteIsTheSame404AsAMissingOne() {
    long id = create(alice, "private");
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    ExtractableResponse<Response> foreign = as(bob).get("/notes/" + id).then().extract();
    ExtractableResponse<Response> missing = as(bob).get("/notes/999999").then().extract();
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    Map<String, Object> a = foreign.jsonPath().getMap("$");
    Map<String, Object> b = missing.jsonPath().getMap("$");
    a.remove("requestId");
    b.remove("requestId");
    assertThat(a).isEqualTo(b);
    assertThat(foreign.asString()).doesNotContain("private").doesNotContain("alice");
    assertThat(events.all()).extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.NOT_OWNED);
    assertThat(events.all().get(0).subject()).isEqualTo("bob");
  }

  @Test
  void someoneElseCanNeitherUpdateNorDelete() {
    long id = create(alice, "keep");
    as(bob).body(Map.of("title", "stolen")).put("/notes/" + id).then().statusCode(404);
    as(bob).delete("/notes/" + id).then().statusCode(404);
    as(alice).get("/notes/" + id).then().statusCode(200).body("title", equalTo("keep"));
  }

  @Test
  void anonymousCallersGet401() {
    long id = create(alice, "x");
    given().get("/notes/" + id).then().statusCode(401).header("WWW-Authenticate", "Bearer");
    given().get("/notes").then().statusCode(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1e3", "-1", "99999999999999999999999", "1;drop", "%00",
      "%20", "1.5", "0x10"})
  void malformedIdsAre404NeverAServerError(String id) {
    ExtractableResponse<Response> r = as(alice).urlEncodingEnabled(false).get("/notes/" + id)
        .then().extract();
    assertThat(r.statusCode()).as(id).isIn(400, 404);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void aStoreOutageInTheResolverIs503NotAFalse404() {
    long id = create(alice, "while down");
    var store = server.cdi().select(dev.gatehouse.ownership.support.Notes.Store.class).get();
    store.down(true);
    try {
      as(alice).get("/notes/" + id).then().statusCode(503).header("Retry-After", "2");
    } finally {
      store.down(false);
    }
  }

  @Test
  void anOverlongIdIs404() {
    as(alice).get("/notes/" + "1".repeat(500)).then().statusCode(404);
  }

  @Test
  void listsShowOnlyTheCallersNotesWithTheOwnerInjected() {
    String carol = Apps.token(server, "carol");
    String dave = Apps.token(server, "dave");
    create(carol, "c1");
    create(carol, "c2");
    create(dave, "d1");
    as(carol).get("/notes").then().statusCode(200).body("items", hasSize(2))
        .body("total", equalTo(2)).body("items.title", org.hamcrest.Matchers.contains("c1", "c2"));
    as(dave).get("/notes").then().body("items", hasSize(1));
  }

  @Test
  void unownedIdsAreDeliberatelyPublic() {
    given().get("/profiles/someone").then().statusCode(200).body("user", equalTo("someone"));
  }
}
