package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract of DESIGN.md, walked end to end; run against the service started in process
 * and against the built jar.
 */
abstract class NotesContract {

  abstract Client client();

  static void secured(ExtractableResponse<Response> r) {
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(r.header("Server")).isNull();
    if (r.statusCode() >= 400) {
      assertThat(r.contentType()).isEqualTo("application/problem+json");
      assertThat(r.asString()).doesNotContain("Exception").doesNotContain("at dev.");
    }
  }

  @Test
  void registerAnswers201WithTheUserAndRefusesDuplicatesAndBadInput() {
    Client c = client();
    String email = Client.uniqueEmail("reg");
    ExtractableResponse<Response> r = c.register(email, "a long enough password").statusCode(201)
        .body("email", equalTo(email)).body("displayName", equalTo("Test User"))
        .body("id", notNullValue()).extract();
    assertThat(r.jsonPath().getMap("$")).containsOnlyKeys("id", "email", "displayName");
    secured(r);
    secured(c.register(email.toUpperCase(), "a long enough password").statusCode(409).extract());
    secured(c.register(Client.uniqueEmail("short"), "too short").statusCode(400).extract());
    secured(c.req().body(Map.of("email", Client.uniqueEmail("x"), "password", "a long enough password",
        "displayName", "X", "roles", Set.of("admin"))).post("/auth/register").then()
        .statusCode(400).extract());
    c.register(Client.uniqueEmail("long"), "p".repeat(129)).statusCode(400);
  }

  @Test
  void lookAlikeSpellingsOfAnEmailAreTheSameAccount() {
    Client c = client();
    String kate = Client.uniqueEmail("kate");
    // the Kelvin sign K (U+212A) becomes K, then k: the account is kate's, shown as stored
    c.register("\u212A" + kate.substring(1), "a long enough password").statusCode(201)
        .body("email", equalTo(kate));
    c.register(kate, "a long enough password").statusCode(409);
    c.login(kate, "a long enough password").statusCode(200);
    String alice = Client.uniqueEmail("alice");
    c.register(alice, "a long enough password").statusCode(201);
    for (String lookAlike : new String[] {
        alice.replaceFirst("i", "\u0131"),              // dotless i
        "\uFF41" + alice.substring(1),                   // fullwidth a
        alice.replaceFirst("alice", "ALICE")}) {
      secured(c.register(lookAlike, "a long enough password").statusCode(409).extract());
      c.login(lookAlike, "a long enough password").statusCode(200);
    }
  }

  @Test
  void invisibleAndBidirectionalCharactersInEmailsAreRefused() {
    Client c = client();
    String bob = Client.uniqueEmail("bob");
    for (String spoof : new String[] {
        bob.replace("@", "\u200b@"),                      // zero-width space
        bob.replace("@", "\u2060@"),                      // word joiner
        bob.replace("@", "\u200d@"),                      // zero-width joiner
        bob.replace("@", "\ufeff@"),                      // zero-width no-break space
        "\u202e" + bob,                                   // right-to-left override
        bob.replace("@", "\u2066@")}) {                   // left-to-right isolate
      ExtractableResponse<Response> r = c.register(spoof, "a long enough password")
          .statusCode(400).extract();
      secured(r);
      assertThat(r.jsonPath().getList("errors.field")).containsExactly("email");
    }
    c.register(bob, "a long enough password").statusCode(201);
  }

  @Test
  void displayNamesRefuseControlBidirectionalAndMarkupCharacters() {
    Client c = client();
    for (String name : new String[] {"Eve\u0000", "Eve\u0085", "Eve\u202Egpj.exe",
        "Eve\u200b", "<script>alert(1)</script>", "Eve\nAdmin"}) {
      ExtractableResponse<Response> r = c.register(Client.uniqueEmail("eve"),
          "a long enough password", name).statusCode(400).extract();
      secured(r);
      assertThat(r.asString()).doesNotContain("script").doesNotContain("Eve");
    }
    c.register(Client.uniqueEmail("zoe"), "a long enough password", "Zoë O'Brien 王")
        .statusCode(201).body("displayName", equalTo("Zoë O'Brien 王"));
  }

  @Test
  void loginFailsTheSameWayForUnknownUsersAndWrongPasswords() {
    Client c = client();
    String email = Client.uniqueEmail("login");
    c.register(email, "a long enough password").statusCode(201);
    JsonPath ok = c.login(email, "a long enough password").statusCode(200).extract().jsonPath();
    assertThat(ok.getString("token_type")).isEqualTo("Bearer");
    assertThat(ok.getInt("expires_in")).isEqualTo(900);
    assertThat(ok.getString("access_token")).isNotBlank();
    assertThat(ok.getString("refresh_token")).matches("[A-Za-z0-9_-]{70}");
    ExtractableResponse<Response> wrong = c.login(email, "not the password").statusCode(401)
        .extract();
    ExtractableResponse<Response> unknown = c.login(Client.uniqueEmail("nobody"),
        "not the password").statusCode(401).extract();
    Map<String, Object> a = wrong.jsonPath().getMap("$");
    Map<String, Object> b = unknown.jsonPath().getMap("$");
    a.remove("requestId");
    b.remove("requestId");
    assertThat(a).isEqualTo(b);
    secured(wrong);
  }

  @Test
  void meShowsTheCallerAndNeedsAToken() {
    Client c = client();
    JsonPath t = c.newUser("me");
    c.as(t.getString("access_token")).get("/me").then().statusCode(200)
        .body("displayName", equalTo("Test User")).body("roles", equalTo(java.util.List.of("user")));
    secured(c.req().get("/me").then().statusCode(401).extract());
  }

  @Test
  void notesAreCreatedReadUpdatedAndDeletedByTheirOwnerOnly() {
    Client c = client();
    String alice = c.newUser("alice").getString("access_token");
    String bob = c.newUser("bob").getString("access_token");
    ExtractableResponse<Response> created = c.as(alice)
        .body(Map.of("title", "Shopping", "body", "milk")).post("/notes").then().statusCode(201)
        .header("Location", matchesPattern(".*/notes/\\d+")).extract();
    assertThat(created.jsonPath().getMap("$")).containsOnlyKeys("id", "title", "body",
        "createdAt");
    long id = created.jsonPath().getLong("id");
    c.as(alice).get("/notes/" + id).then().statusCode(200).body("title", equalTo("Shopping"));
    c.as(alice).body(Map.of("title", "Groceries", "body", "milk, eggs")).put("/notes/" + id)
        .then().statusCode(200).body("title", equalTo("Groceries"));

    ExtractableResponse<Response> foreign = c.as(bob).get("/notes/" + id).then().statusCode(404)
        .extract();
    ExtractableResponse<Response> missing = c.as(bob).get("/notes/987654321").then()
        .statusCode(404).extract();
    assertThat(foreign.jsonPath().getString("detail"))
        .isEqualTo(missing.jsonPath().getString("detail"));
    assertThat(foreign.asString()).doesNotContain("Groceries");
    c.as(bob).body(Map.of("title", "mine now")).put("/notes/" + id).then().statusCode(404);
    c.as(bob).delete("/notes/" + id).then().statusCode(404);
    secured(c.as(bob).get("/notes/not-a-number").then().statusCode(404).extract());

    c.as(alice).delete("/notes/" + id).then().statusCode(204);
    c.as(alice).get("/notes/" + id).then().statusCode(404);
  }

  @Test
  void notesAreValidated() {
    Client c = client();
    String t = c.newUser("val").getString("access_token");
    c.as(t).body(Map.of("title", "")).post("/notes").then().statusCode(400);
    c.as(t).body(Map.of("title", "x".repeat(201))).post("/notes").then().statusCode(400);
    c.as(t).body(Map.of("title", "ok", "body", "b".repeat(10_001))).post("/notes").then()
        .statusCode(400);
    c.as(t).body(Map.of("title", "ok", "owner", 1)).post("/notes").then().statusCode(400);
  }

  @Test
  void listsShowTheCallersOwnNotesPagedAndSorted() {
    Client c = client();
    String t = c.newUser("pager").getString("access_token");
    String other = c.newUser("other").getString("access_token");
    c.createNote(other, "not mine");
    for (String title : new String[] {"b", "a", "c"}) {
      c.createNote(t, title);
    }
    c.as(t).queryParam("page", 0).queryParam("size", 2).queryParam("sort", "title,asc")
        .get("/notes").then().statusCode(200)
        .body("items", hasSize(2)).body("items.title", equalTo(java.util.List.of("a", "b")))
        .body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(3));
    c.as(t).queryParam("size", 101).get("/notes").then().statusCode(400);
    c.as(t).queryParam("sort", "owner,asc").get("/notes").then().statusCode(400);
  }

  @Test
  void refreshRotatesAndReuseRevokesTheWholeFamily() {
    Client c = client();
    JsonPath first = c.newUser("rotate");
    String second = c.refresh(first.getString("refresh_token")).statusCode(200).extract()
        .path("refresh_token");
    assertThat(second).isNotEqualTo(first.getString("refresh_token"));
    c.refresh(first.getString("refresh_token")).statusCode(401);
    c.refresh(second).statusCode(401);
  }

  @Test
  void logoutRevokesTheRefreshTokenAndTheAccessToken() {
    Client c = client();
    JsonPath s = c.newUser("bye");
    c.as(s.getString("access_token")).body(Map.of("refresh_token", s.getString("refresh_token")))
        .post("/auth/logout").then().statusCode(204)
        .header("Clear-Site-Data", "\"cache\",\"cookies\",\"storage\"");
    c.refresh(s.getString("refresh_token")).statusCode(401);
    c.as(s.getString("access_token")).get("/me").then().statusCode(401);
  }

  @Test
  void logoutRefusesTheAccessTokenFromBeforeTheLastRefreshToo() {
    Client c = client();
    JsonPath first = c.newUser("bye-all");
    JsonPath second = c.refresh(first.getString("refresh_token")).statusCode(200).extract()
        .jsonPath();
    c.as(second.getString("access_token"))
        .body(Map.of("refresh_token", second.getString("refresh_token")))
        .post("/auth/logout").then().statusCode(204);
    c.as(first.getString("access_token")).get("/me").then().statusCode(401);
    c.as(second.getString("access_token")).get("/me").then().statusCode(401);
  }

  @Test
  void deletingTheAccountRemovesItsNotesAndEndsEverySessionOfIt() {
    Client c = client();
    String email = Client.uniqueEmail("leaving");
    String password = "a long enough password";
    c.register(email, password).statusCode(201);
    JsonPath phone = c.login(email, password).statusCode(200).extract().jsonPath();
    JsonPath laptop = c.login(email, password).statusCode(200).extract().jsonPath();
    JsonPath laptopLater = c.refresh(laptop.getString("refresh_token")).statusCode(200)
        .extract().jsonPath();
    long note = c.createNote(phone.getString("access_token"), "diary");

    secured(c.as(phone.getString("access_token")).delete("/me").then().statusCode(204)
        .extract());
    for (JsonPath session : new JsonPath[] {phone, laptop, laptopLater}) {
      c.as(session.getString("access_token")).get("/me").then().statusCode(401);
      c.as(session.getString("access_token")).get("/notes/" + note).then().statusCode(401);
    }
    c.refresh(phone.getString("refresh_token")).statusCode(401);
    c.refresh(laptopLater.getString("refresh_token")).statusCode(401);
    c.login(email, password).statusCode(401);
    c.req().delete("/me").then().statusCode(401);

    // the address is free again; the new account starts empty, the old note is nobody's
    c.register(email, password).statusCode(201);
    String fresh = c.login(email, password).statusCode(200).extract().path("access_token");
    c.as(fresh).get("/notes").then().statusCode(200).body("total", equalTo(0));
    c.as(fresh).get("/notes/" + note).then().statusCode(404);
  }

  @Test
  void healthIsPublicAndDocsAreHidden() {
    Client c = client();
    secured(c.req().get("/health").then().statusCode(200).body("status", equalTo("UP")).extract());
    secured(c.req().get("/openapi").then().statusCode(404).extract());
    c.req().get("/application.wadl").then().statusCode(404);
  }

  @Test
  void nonAdminsCannotAdminister() {
    Client c = client();
    String t = c.newUser("plain").getString("access_token");
    secured(c.as(t).get("/admin/users").then().statusCode(403).extract());
    c.as(t).body(Map.of("roles", Set.of("admin"))).put("/admin/users/1/roles").then()
        .statusCode(403);
    c.req().get("/admin/users").then().statusCode(401);
  }
}
