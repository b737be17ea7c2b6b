package dev.gatehouse.example.readme;

import static dev.gatehouse.example.readme.Fixtures.createNote;
import static io.restassured.RestAssured.given;

import dev.gatehouse.core.lint.EndpointReport;
import dev.gatehouse.test.AttackKit;
import dev.gatehouse.test.TestCaller;
import java.net.URI;
import org.junit.jupiter.api.Test;

// readme:own-tests
@TestCaller(subject = "alice", roles = "writer")      // every rest-assured request carries the token
class NotesTest {
  @Test void writerListsNotes() { given().get("/notes").then().statusCode(200); }

  @Test void everyEndpointWithstandsTheAttacksItsRulesImply() {
    AttackKit.against(URI.create("http://localhost:8081")).report(EndpointReport.current())
        .callers("alice", "bob")
        .owned("/notes/{id}", "id", alice -> createNote(alice))  // an id the first caller owns
        .run().assertPassed();
  }
}
// readme:end
