package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.RolloutSettings;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gatehouse.rollout.report-only=jwt}: what enforcement refuses with 401 or 403 is served,
 * as the same security event marked not enforced — but {@code @DenyAll} still refuses, and a
 * refused token never becomes an identity. The same calls under enforcement are refused. Servers
 * are started one at a time (a process holds one CDI container at a time).
 */
class RolloutJwtTest {

  private static final String SECRET = Servers.secret(32);

  @RegisterExtension
  final LogCapture core = LogCapture.of("dev.gatehouse.core");
  @RegisterExtension
  final LogCapture lint = LogCapture.of("dev.gatehouse.lint");

  private static EmbeddedServer start(boolean reportOnly) {
    EmbeddedServer.Builder b = Servers.hs256(SECRET);
    if (reportOnly) {
      b.property(RolloutSettings.REPORT_ONLY, "jwt");
    }
    EmbeddedServer s = b.build().start();
    s.cdi().select(RecordedEvents.class).get().clear();
    return s;
  }

  private static String login(EmbeddedServer s, String subject, String... roles) {
    return given().port(s.port()).contentType("application/json")
        .body(Map.of("subject", subject, "roles", Set.of(roles)))
        .post("/auth/login").then().statusCode(200).extract().path("access_token");
  }

  private static RequestSpecification on(EmbeddedServer s) {
    return given().port(s.port());
  }

  private static List<SecurityEvent> events(EmbeddedServer s) {
    return s.cdi().select(RecordedEvents.class).get().all();
  }

  /** Each call once under report-only, then under enforcement: the statuses of each. */
  private static List<Integer> calls(EmbeddedServer s) {
    String user = login(s, "u1", "user");
    s.cdi().select(RecordedEvents.class).get().clear();
    return List.of(
        on(s).get("/plain").statusCode(),                                     // anonymous
        on(s).header("Authorization", "Bearer " + user).get("/admin").statusCode(),  // no role
        on(s).header("Authorization", "Bearer not.a.token").get("/admin/public").statusCode(),
        on(s).header("Authorization", "Bearer " + user).delete("/admin").statusCode()); // @DenyAll
  }

  @Test
  void reportOnlyServesWhatEnforcementRefusesButDenyAllAndReportsEachAsNotEnforced() {
    try (EmbeddedServer s = start(true)) {
      assertThat(calls(s)).containsExactly(200, 200, 200, 403);
      assertThat(events(s)).extracting(SecurityEvent::type, SecurityEvent::reason,
              SecurityEvent::enforced, SecurityEvent::subject, SecurityEvent::path)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.AUTHENTICATION_FAILED,
                  "anonymous", false, null, "/plain"),
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.ACCESS_DENIED,
                  "missing_role", false, "u1", "/admin"),
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.AUTHENTICATION_FAILED,
                  "non_canonical_base64", false, null, "/admin/public"),
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.ACCESS_DENIED,
                  "deny_all", true, "u1", "/admin"));
    }
  }

  @Test
  void theSameCallsAreRefusedWhenEnforcedWithTheSameEventsEnforced() {
    try (EmbeddedServer s = start(false)) {
      assertThat(calls(s)).containsExactly(401, 403, 401, 403);
      assertThat(events(s)).extracting(SecurityEvent::type, SecurityEvent::reason,
              SecurityEvent::enforced)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.AUTHENTICATION_FAILED,
                  "anonymous", true),
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.ACCESS_DENIED,
                  "missing_role", true),
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.AUTHENTICATION_FAILED,
                  "non_canonical_base64", true),
              org.assertj.core.groups.Tuple.tuple(SecurityEventType.ACCESS_DENIED,
                  "deny_all", true));
    }
  }

  @Test
  void aRefusedTokenIsServedAsAnonymousNeverAsItsSubject() {
    try (EmbeddedServer s = start(true)) {
      String token = login(s, "mallory", "admin");
      String tampered = token.substring(0, token.length() - 2)
          + (token.endsWith("AA") ? "BB" : "AA");
      var r = on(s).header("Authorization", "Bearer " + tampered).get("/me").then().extract();
      // the method finds no caller: what report-only cannot give is an identity
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(events(s)).filteredOn(e -> !e.enforced()).singleElement()
          .satisfies(e -> assertThat(e.subject()).isNull());
    }
  }

  @Test
  void startUpWarnsThatJwtIsNotEnforcedAndTheWhoColumnSaysReportOnlyButForDenyAll() {
    try (EmbeddedServer s = start(true)) {
      on(s).get("/admin/public");
      assertThat(core.messages(java.util.logging.Level.WARNING)).anySatisfy(m -> assertThat(m)
          .startsWith("Gatehouse is NOT ENFORCING jwt (gatehouse.rollout.report-only)"));
      String report = String.join("\n", lint.messages());
      assertThat(report).contains("NOT ENFORCED, report-only: jwt")
          .contains("GET /admin | who: roles admin (report-only)")
          .contains("GET /admin/public | who: anyone (report-only)")
          .contains("DELETE /admin | who: nobody |")
          .contains("GET /me | who: authenticated (report-only)");
    }
  }

  @Test
  void aRuntimeThatChecksRolesItselfIsNamedOnceWhenItRefusesWhatReportOnlyServed() {
    // as Payara does by default (jaxrs-roles-allowed-enabled): Jersey's own @RolesAllowed check
    EmbeddedServer.Builder b = Servers.hs256(SECRET)
        .register(org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature.class)
        .property(RolloutSettings.REPORT_ONLY, "jwt");
    try (EmbeddedServer s = b.build().start()) {
      String user = login(s, "u2", "user");
      on(s).header("Authorization", "Bearer " + user).get("/admin").then().statusCode(403);
      on(s).header("Authorization", "Bearer " + user).get("/admin").then().statusCode(403);
      assertThat(core.messages(java.util.logging.Level.WARNING))
          .filteredOn(m -> m.contains("answered 403 all the same")).singleElement()
          .satisfies(m -> assertThat(m).contains("jwt served in report-only")
              .contains("<jaxrs-roles-allowed-enabled>false</jaxrs-roles-allowed-enabled>"));
    }
  }
}
