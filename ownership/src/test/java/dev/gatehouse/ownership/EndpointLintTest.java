package dev.gatehouse.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ownership.support.Apps;
import dev.gatehouse.ownership.support.Broken;
import dev.gatehouse.testkit.EmbeddedServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deploy-time checklist with every module's rules on the class path. */
class EndpointLintTest {

  private final List<LogRecord> log = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger("dev.gatehouse.lint");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      log.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stop() {
    logger.removeHandler(capture);
  }

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
    EmbeddedServer server = Apps.server().register(Broken.class).build();
    GatehouseConfigException refusal = null;
    try {
      server.start();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof GatehouseConfigException g) {
          refusal = g;
        }
      }
    } finally {
      server.stop();
    }
    assertThat(refusal).as("start-up refusal").isNotNull();
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
    String warning = log.stream().filter(r -> r.getLevel() == Level.WARNING)
        .map(LogRecord::getMessage).findFirst().orElseThrow();
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
    String report = log.stream().filter(r -> r.getLevel() == Level.INFO)
        .map(LogRecord::getMessage).filter(m -> m.startsWith("Gatehouse endpoint report"))
        .findFirst().orElseThrow();
    assertThat(report.split("\n")).containsExactly(
        "Gatehouse endpoint report (7 endpoints):",
        "  GET /notes | who: authenticated | owned: - | paging: PageRequest | rate limit: - | input: -",
        "  POST /notes | who: authenticated | owned: - | paging: - | rate limit: - | input: NoteCreate (bounded)",
        "  DELETE /notes/{id} | who: authenticated | owned: id | paging: - | rate limit: - | input: -",
        "  GET /notes/{id} | who: authenticated | owned: id | paging: - | rate limit: - | input: -",
        "  PUT /notes/{id} | who: authenticated | owned: id | paging: - | rate limit: - | input: NoteCreate (bounded)",
        "  GET /profiles/countries | who: anyone | owned: - | paging: - | rate limit: - | input: - | exempt: paging (a fixed list of three)",
        "  GET /profiles/{userId} | who: anyone | owned: userId unowned (profiles are public) | paging: - | rate limit: - | input: -");
  }
}
