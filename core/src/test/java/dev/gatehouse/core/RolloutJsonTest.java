package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gatehouse.rollout.report-only=json}: a body that breaks only a shape rule of strict JSON
 * is served, read leniently, and the 400 it would have been is a security event marked not
 * enforced; the same body is a 400 when enforced; every other rule holds either way. Each test
 * starts its own servers, one at a time (a process holds one CDI container at a time).
 */
class RolloutJsonTest {

  private EmbeddedServer server;

  @RegisterExtension
  final LogCapture security = LogCapture.of(SecurityEvents.LOGGER);
  @RegisterExtension
  final LogCapture core = LogCapture.of("dev.gatehouse.core");
  @RegisterExtension
  final LogCapture lint = LogCapture.of("dev.gatehouse.lint");

  private static final String UNKNOWN_FIELD =
      "{\"active\":true,\"name\":\"Ada\",\"age\":36,\"nickname\":\"the countess\"}";

  private RecordedEvents events;

  @BeforeEach
  void start() {
    server = Fixtures.server().property(RolloutSettings.REPORT_ONLY, "json").build().start();
    events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    core.clear();
    lint.clear();
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    server.stop();
  }

  private static ExtractableResponse<Response> post(int port, String json) {
    return given().port(port).contentType("application/json").body(json).post("/echo").then()
        .extract();
  }

  @Test
  void anUnknownFieldIsServedAndReportedAsNotEnforced() throws Exception {
    var r = post(server.port(), UNKNOWN_FIELD);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.jsonPath().getString("name")).isEqualTo("Ada");
    assertThat(events.all()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.VALIDATION_FAILED);
      assertThat(e.reason()).isEqualTo("json_unknown_field");
      assertThat(e.enforced()).isFalse();
      assertThat(e.method()).isEqualTo("POST");
      assertThat(e.path()).isEqualTo("/echo");
    });
    var line = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(security.messages().get(0));
    assertThat(line.get("enforced").asBoolean(true)).isFalse();
    assertThat(line.get("reason").asText()).isEqualTo("json_unknown_field");
  }

  @Test
  void theSameBodyIsA400WithAnEnforcedEventWithoutReportOnly() throws Exception {
    server.stop();
    try (EmbeddedServer enforcing = Fixtures.server().build().start()) {
      var r = post(enforcing.port(), UNKNOWN_FIELD);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("$.nickname");
      String line = security.messages().get(0);
      assertThat(line).contains("\"reason\":\"json_unknown_field\"").doesNotContain("enforced");
    }
  }

  @Test
  void duplicateKeysCoercionNullPrimitivesAndTrailingDataAreServedAndReported() {
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\",\"name\":\"Bea\",\"age\":1}")
        .jsonPath().getString("name")).isEqualTo("Bea");
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\",\"age\":\"36\"}").jsonPath().getInt("age"))
        .isEqualTo(36);
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\",\"age\":null}").jsonPath().getInt("age"))
        .isZero();
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\",\"age\":1} {\"name\":\"x\"}")
        .statusCode()).isEqualTo(200);
    assertThat(events.all()).allSatisfy(e -> assertThat(e.enforced()).isFalse())
        .extracting(SecurityEvent::reason).containsExactly("json_duplicate_field", "json_type",
            "json_null", "json_trailing_data");
  }

  @Test
  void streamLimitsTextRulesSyntaxAndValidationStayEnforced() {
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\\u0000\",\"age\":1}").statusCode())
        .isEqualTo(400);
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\",\"age\":1,\"x\":" + "[".repeat(100)
        + "]".repeat(100) + "}").statusCode()).isEqualTo(400);
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\",\"age\":1,").statusCode()).isEqualTo(400);
    // an unknown field beside a validation failure: served leniently, then refused by validation
    assertThat(post(server.port(), "{\"active\":true,\"name\":\"Ada\",\"age\":-1,\"x\":1}").statusCode())
        .isEqualTo(400);
    assertThat(events.all()).extracting(SecurityEvent::reason).containsExactly(
        "json_control_character", "json_too_deep", "json_syntax", "json_unknown_field",
        "constraint_violation");
    assertThat(events.all()).extracting(SecurityEvent::enforced)
        .containsExactly(true, true, true, false, true);
    // validation refusing what json served is Gatehouse's own rule, not another enforcer's
    assertThat(core.messages()).noneMatch(m -> m.contains("all the same"));
  }

  @Test
  void wouldBeRefusalsAreCountedAtTheFirstTheTenthAndAtShutdown() {
    for (int i = 0; i < 10; i++) {
      assertThat(post(server.port(), UNKNOWN_FIELD).statusCode()).isEqualTo(200);
    }
    server.stop();
    List<String> counts = core.messages().stream()
        .filter(m -> m.startsWith("Gatehouse report-only")).toList();
    assertThat(counts).containsExactly(
        "Gatehouse report-only: json has served 1 request that enforcement would have refused"
            + " (latest: VALIDATION_FAILED json_unknown_field on POST /echo); see the security"
            + " events with \"enforced\":false",
        "Gatehouse report-only: json has served 10 requests that enforcement would have refused"
            + " (latest: VALIDATION_FAILED json_unknown_field on POST /echo); see the security"
            + " events with \"enforced\":false",
        "Gatehouse report-only at shutdown: requests served that enforcement would have refused,"
            + " per check since start-up: {json=10}");
  }

  @Test
  void startUpWarnsThatJsonIsNotEnforcedAndTheReportMarksTheInputColumn() {
    server.stop();
    core.clear();
    try (EmbeddedServer started = Fixtures.server()
        .property(RolloutSettings.REPORT_ONLY, "json").build().start()) {
      given().port(started.port()).get("/echo/client"); // a runtime that scans shows it then
      assertThat(core.messages(java.util.logging.Level.WARNING)).anySatisfy(m -> assertThat(m)
          .startsWith("Gatehouse is NOT ENFORCING json (gatehouse.rollout.report-only)"));
      String report = String.join("\n", lint.messages());
      assertThat(report).contains("NOT ENFORCED, report-only: json")
          .contains("POST /echo | ").contains("input: Person (bounded) (report-only)")
          .contains("input: raw String (body-size limit)")
          .doesNotContain("raw String (body-size limit) (report-only)");
    }
  }

  @Test
  void withoutTheSettingNothingIsReportOnlyAndNothingWarns() {
    assertThat(CoreSettings.ofDefaults().rollout()).isEqualTo(RolloutSettings.enforceAll());
    server.stop();
    try (EmbeddedServer started = Fixtures.server().build().start()) {
      assertThat(core.messages()).noneMatch(m -> m.contains("NOT ENFORC"));
      assertThat(lint.messages()).noneMatch(m -> m.contains("report-only"));
    }
  }

  private String refusal(String value) {
    server.stop();
    GatehouseConfigException e = Fixtures.server().property(RolloutSettings.REPORT_ONLY, value)
        .build().refusal(GatehouseConfigException.class);
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void ownershipCorsTheBodyCapAndUnknownChecksCannotBeReportOnly() {
    assertThat(refusal("json, ownership")).isEqualTo("gatehouse.rollout.report-only:"
        + " \"ownership\" cannot be report-only: an @Owned object is found for its owner only"
        + " (OwnershipResolver.findOwned(id, owner)): serving the request would mean fetching it"
        + " for someone who does not own it and handing it to the method — the breach itself —"
        + " and an object that is not found is a 404 with or without Gatehouse");
    assertThat(refusal("cors")).startsWith("gatehouse.rollout.report-only: \"cors\" cannot be"
        + " report-only: granting an origin that is not listed, with credentials, is the"
        + " exposure itself");
    assertThat(refusal("body")).isEqualTo("gatehouse.rollout.report-only: \"body\" cannot be"
        + " report-only: reading a body past the cap is the denial of service the cap exists to"
        + " prevent; raise gatehouse.body.max-bytes, or @MaxBodySize on the endpoints that need"
        + " more");
    assertThat(refusal("core")).startsWith("gatehouse.rollout.report-only: \"core\" cannot be"
        + " report-only: name the check: json");
    assertThat(refusal("auth")).isEqualTo("gatehouse.rollout.report-only: \"auth\" is not a"
        + " check that can be report-only; list some of jwt, json, ratelimit, or leave the"
        + " property unset to enforce everything");
  }
}
