package dev.gatehouse.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ownership.support.Apps;
import dev.gatehouse.ownership.support.Broken;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The deploy-time checklist with every module's rules on the class path. */
class EndpointLintTest {

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse.lint");

  private static final List<String> BROKEN = List.of(
      "Broken#unpaged: paging: returns a list without a PageRequest — add a @BeanParam"
          + " PageRequest parameter and return Page<T>",
      "Broken#entityIn: entity: the request body Account is a persistence entity — read a"
          + " request record (e.g. AccountCreate) and copy its fields",
      "Broken#entityOut: entity: returns the persistence entity Account — return a response"
          + " record (e.g. AccountView) built from it",
      "Broken#notOwned: owned-id: path parameter \"thingId\" names an object but is neither"
          + " @Owned nor @Unowned — resolve it with @Owned (owner-checked) or mark it"
          + " @Unowned(\"why it is public\")",
      "Broken#unbounded: bounded-input: unbounded input: Comment.text — add @Size(max = ...)"
          + " (or @Email) to each, including collection elements",
      "Broken#undeclared: access: who may call it is not declared — add @RolesAllowed(...),"
          + " @PermitAll or @DenyAll to the method or its class");

  @Test
  void aBrokenApplicationDoesNotStartAndTheMessageListsEveryViolation() {
    GatehouseConfigException refusal = Apps.server().register(Broken.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).containsExactlyElementsOf(BROKEN);
    assertThat(refusal.getMessage()).startsWith("Gatehouse refuses to start (6 problems):");
  }

  @Test
  void inWarnModeItStartsAndLogsTheViolations() {
    EmbeddedServer server = Apps.server().register(Broken.class)
        .property("gatehouse.lint.mode", "warn").build();
    try {
      server.start();
    } finally {
      server.stop();
    }
    String warning = log.messages(Level.WARNING).get(0);
    assertThat(warning).startsWith("Gatehouse endpoint lint (gatehouse.lint.mode=warn) found 6"
        + " problems:");
    BROKEN.forEach(v -> assertThat(warning).contains(v));
  }

  @Test
  void aCorrectApplicationStartsAndReportsItsPostureLineByLine() {
    EmbeddedServer server = Apps.notes().build();
    try {
      server.start();
    } finally {
      server.stop();
    }
    String report = log.messages(Level.INFO).stream()
        .filter(m -> m.startsWith("Gatehouse endpoint report")).findFirst().orElseThrow();
    assertThat(report.split("\n")).containsExactly(
        "Gatehouse endpoint report (7 endpoints; enforced on every request by Gatehouse core, jwt,"
            + " ownership):",
        "  GET /notes | who: authenticated | owned: - | paging: PageRequest | input: -",
        "  POST /notes | who: authenticated | owned: - | paging: - | input: NoteCreate (bounded)",
        "  DELETE /notes/{id} | who: authenticated | owned: id | paging: - | input: -",
        "  GET /notes/{id} | who: authenticated | owned: id | paging: - | input: -",
        "  PUT /notes/{id} | who: authenticated | owned: id | paging: - | input: NoteCreate (bounded)",
        "  GET /profiles/countries | who: anyone | owned: - | paging: - | input: - | exempt: paging (a fixed list of three)",
        "  GET /profiles/{userId} | who: anyone | owned: userId unowned (profiles are public) | paging: - | input: -");
  }
}
