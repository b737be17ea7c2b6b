package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.example.data.Notes;
import dev.gatehouse.example.data.Users;
import dev.gatehouse.embedded.EmbeddedServer;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jakarta.enterprise.event.Observes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against the service started in this JVM on its embedded defaults. */
class InProcessIT extends NotesContract {

  static final String ADMIN_PASSWORD = "admin password for tests";
  static EmbeddedServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1",
        "EXAMPLE_ADMIN_PASSWORD", ADMIN_PASSWORD), Map.of(
        // the contract walk logs in more often than a real user: the login limit gets its own test
        "gatehouse.ratelimit.login.limit", "1000",
        "gatehouse.ratelimit.register.limit", "1000"));
    client = new Client("http://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Override
  Client client() {
    return client;
  }

  @Test
  void adminsAreRecheckedAgainstTheDatabase() {
    String admin = client.login("admin@example.com", ADMIN_PASSWORD).statusCode(200).extract()
        .path("access_token");
    client.as(admin).get("/admin/users").then().statusCode(200).body("page", equalTo(0));
    JsonPath other = client.newUser("promoted");
    long otherId = client.as(other.getString("access_token")).get("/me").then().extract()
        .jsonPath().getLong("id");
    client.as(admin).body(Map.of("roles", Set.of("user", "admin")))
        .put("/admin/users/" + otherId + "/roles").then().statusCode(200)
        .body("roles", equalTo(List.of("admin", "user")));
    client.as(admin).body(Map.of("roles", Set.of("root"))).put("/admin/users/" + otherId
        + "/roles").then().statusCode(400);
    client.as(admin).body(Map.of("roles", Set.of("user"))).put("/admin/users/99999/roles").then()
        .statusCode(404);

    // the promoted user's refreshed token carries admin; then the database takes it away again
    String promoted = client.refresh(other.getString("refresh_token")).statusCode(200).extract()
        .path("access_token");
    client.as(promoted).get("/admin/users").then().statusCode(200);
    client.as(admin).body(Map.of("roles", Set.of("user"))).put("/admin/users/" + otherId
        + "/roles").then().statusCode(200);
    client.as(promoted).get("/admin/users").then().statusCode(403);
  }

  @Test
  void deletingTheAccountDeletesItsNotesFromTheDatabase() {
    String access = client.newUser("erase").getString("access_token");
    long note = client.createNote(access, "secret");
    Notes notes = server.cdi().select(Notes.class).get();
    assertThat(notes.exists(note)).isTrue();
    client.as(access).delete("/me").then().statusCode(204);
    assertThat(notes.exists(note)).isFalse();
  }

  @Test
  void anAccountDeletedBehindTheApisBackStopsRefreshingAndItsSessionEnds() {
    JsonPath session = client.newUser("removed");
    String access = session.getString("access_token");
    long id = client.as(access).get("/me").then().statusCode(200).extract().jsonPath()
        .getLong("id");
    server.cdi().select(Users.class).get().delete(id);

    client.refresh(session.getString("refresh_token")).statusCode(401);
    client.as(access).get("/notes").then().statusCode(401);
  }

  @Test
  void securityEventsAreJsonLinesWithoutSecrets() {
    List<SecurityEvent> seen = new CopyOnWriteArrayList<>();
    Recorder.sink = seen;
    client.login("nobody@example.com", "secret-password-xyz").statusCode(401);
    assertThat(seen).extracting(SecurityEvent::type)
        .contains(SecurityEventType.AUTHENTICATION_FAILED);
    assertThat(seen.stream().map(SecurityEvent::toJson).toList().toString())
        .doesNotContain("secret-password-xyz").doesNotContain("nobody@example.com");
  }

  @Test
  void aFailedLoginEventNamesTheAccountOnlyByItsHash() {
    List<SecurityEvent> seen = new CopyOnWriteArrayList<>();
    Recorder.sink = seen;
    String email = Client.uniqueEmail("named");
    client.login(email, "secret-password-xyz").statusCode(401);
    assertThat(seen).filteredOn(e -> e.type() == SecurityEventType.AUTHENTICATION_FAILED)
        .singleElement().satisfies(e -> {
          assertThat(e.account()).isEqualTo(SecurityEvent.accountKey(email));
          assertThat(e.toJson()).doesNotContain(email);
        });
  }

  @Test
  void aRefreshTokenReuseEventNamesTheSessionsSubject() {
    JsonPath session = client.newUser("reused");
    String subject = client.as(session.getString("access_token")).get("/me").then().extract()
        .jsonPath().getString("id");
    String first = session.getString("refresh_token");
    client.refresh(first).statusCode(200);
    List<SecurityEvent> seen = new CopyOnWriteArrayList<>();
    Recorder.sink = seen;
    client.refresh(first).statusCode(401);
    assertThat(seen).filteredOn(e -> e.type() == SecurityEventType.REFRESH_TOKEN_REUSE)
        .singleElement().satisfies(e -> assertThat(e.subject()).isEqualTo(subject));
  }

  /** Observes the events inside the service. */
  @jakarta.enterprise.context.ApplicationScoped
  public static class Recorder {
    static volatile List<SecurityEvent> sink = new CopyOnWriteArrayList<>();

    void on(@Observes SecurityEvent e) {
      sink.add(e);
    }
  }

  @Test
  void concurrentRegistrationsOfOneEmailGiveOne201AndThe409s() throws Exception {
    String email = Client.uniqueEmail("race");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    var go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Integer>> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      codes.add(pool.submit(() -> {
        go.await();
        return client.register(email, "a long enough password").extract().statusCode();
      }));
    }
    go.countDown();
    List<Integer> statuses = new java.util.ArrayList<>();
    for (var f : codes) {
      statuses.add(f.get());
    }
    pool.shutdown();
    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
  }
}
