package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.embedded.EmbeddedServer;
import dev.gatehouse.example.data.Notes;
import dev.gatehouse.example.data.Users;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes whose note or account was deleted by another request after this one was let in — the
 * interleavings {@code RacesAcrossInstancesIT} provokes, laid out one step at a time by deleting
 * through the service's own data beans while a token still works: each is answered as the
 * contract says (401 for an account that is gone, 404 for a note that is), never 500.
 */
class DeletedBehindARequestIT {

  static EmbeddedServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), Map.of(
        "gatehouse.ratelimit.login.limit", "1000",
        "gatehouse.ratelimit.register.limit", "1000"));
    client = new Client("http://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aNoteCreatedForAnAccountDeletedAfterItsTokenWasCheckedIs401() {
    JsonPath session = client.newUser("deleted-behind");
    String access = session.getString("access_token");
    long id = client.as(access).get("/me").then().statusCode(200).extract().jsonPath()
        .getLong("id");
    // the account row is gone; its sessions not yet ended, as between another instance's
    // deletion and its revocation
    assertThat(server.cdi().select(Users.class).get().delete(id)).isTrue();

    client.as(access).body(Map.of("title", "late", "body", "text")).post("/notes").then()
        .statusCode(401).contentType("application/problem+json");
  }

  @Test
  void aNoteDeletedAfterItsUpdateResolvedItIsNotFoundNotAFailure() {
    String access = client.newUser("updater").getString("access_token");
    long owner = client.as(access).get("/me").then().extract().jsonPath().getLong("id");
    long note = client.createNote(access, "soon gone");
    Notes notes = server.cdi().select(Notes.class).get();
    notes.delete(note, owner);

    assertThat(notes.update(note, owner, "too late", "text")).isEmpty();
    assertThat(notes.update(note, owner + 1, "not mine", "text")).isEmpty();
    client.as(access).body(Map.of("title", "too late", "body", "text")).put("/notes/" + note)
        .then().statusCode(404);
  }

  @Test
  void anUpdateChangesTheNoteAndAnswersItAsChanged() {
    String access = client.newUser("changer").getString("access_token");
    long note = client.createNote(access, "first");
    JsonPath changed = client.as(access).body(Map.of("title", "second", "body", "new text"))
        .put("/notes/" + note).then().statusCode(200).extract().jsonPath();
    assertThat(changed.getString("title")).isEqualTo("second");
    assertThat(changed.getString("body")).isEqualTo("new text");
    assertThat(changed.getLong("id")).isEqualTo(note);
    JsonPath read = client.as(access).get("/notes/" + note).then().statusCode(200).extract()
        .jsonPath();
    assertThat(read.getString("title")).isEqualTo("second");
    assertThat(read.getString("body")).isEqualTo("new text");
  }
}
