package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.embedded.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rollout: a client written before Gatehouse — it sends a field the API never
 * declared and its old API key as a bearer token — keeps working while the service runs with
 * {@code GATEHOUSE_ROLLOUT_REPORT_ONLY=jwt,json}, each call it would lose reported as a security
 * event with {@code "enforced":false}; once the setting is removed, the same calls are 400 and 401.
 * Ownership is never report-only: another user's note is a 404 in both.
 */
class RolloutTest {

  @RegisterExtension
  final LogCapture security = LogCapture.of(SecurityEvents.LOGGER);

  /** The old client's calls, in order: their statuses. */
  private static List<Integer> legacyClient(Client client) {
    List<Integer> statuses = new ArrayList<>();
    String email = Client.uniqueEmail("legacy");
    // a field the old API took, which the new request record does not declare
    statuses.add(client.req().body(Map.of("email", email, "password", "a long enough password",
        "displayName", "Legacy", "newsletter", true)).post("/auth/register").statusCode());
    // the old API key, still sent as a bearer token on every call
    statuses.add(client.req().header("Authorization", "Bearer legacy-api-key-7f3a")
        .body(Map.of("email", email, "password", "a long enough password"))
        .post("/auth/login").statusCode());
    // and someone else's note: ownership holds whatever the rollout says
    String other = client.newUser("other").getString("access_token");
    long note = client.createNote(other, "not yours");
    String mine = client.newUser("mine").getString("access_token");
    statuses.add(client.as(mine).get("/notes/" + note).statusCode());
    return statuses;
  }

  private static List<Integer> run(Map<String, String> properties) {
    EmbeddedServer server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), properties);
    try {
      return legacyClient(new Client(server.port()));
    } finally {
      server.stop();
    }
  }

  @Test
  void anExistingClientKeepsWorkingInReportOnlyAndIsRefusedOnceEnforced() {
    assertThat(run(Map.of("gatehouse.rollout.report-only", "jwt,json")))
        .containsExactly(201, 200, 404);
    List<String> reported = security.messages().stream()
        .filter(m -> m.contains("\"enforced\":false")).toList();
    assertThat(reported).hasSize(2);
    assertThat(reported.get(0)).contains("\"reason\":\"json_unknown_field\"")
        .contains("\"path\":\"/auth/register\"");
    assertThat(reported.get(1)).contains("\"event\":\"AUTHENTICATION_FAILED\"")
        .contains("\"path\":\"/auth/login\"");
    assertThat(security.messages()).anySatisfy(m -> assertThat(m)
        .contains("\"event\":\"NOT_OWNED\"").doesNotContain("enforced"));

    security.clear();
    assertThat(run(Map.of())).containsExactly(400, 401, 404);
    assertThat(security.messages()).noneMatch(m -> m.contains("enforced"));
  }
}
