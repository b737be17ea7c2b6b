package dev.gatehouse.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse.lint.report-file}: the endpoint report, with the rules' facts, written for a
 * test against a separately started server — and the same report in the application's JVM.
 */
class EndpointReportFileTest {

  @Test
  void theServerWritesItsEndpointReportWithEachEndpointsFacts(@TempDir Path dir) {
    Path file = dir.resolve("endpoints.json");
    EmbeddedServer server = Fixtures.server()
        .property(EndpointReport.REPORT_FILE, file.toString()).build().start();
    try {
      assertThat(Files.exists(file)).isTrue();
      EndpointReport written = EndpointReport.read(file);
      assertThat(written.endpoints()).isEqualTo(EndpointReport.current().endpoints());
      assertThat(written.endpoint("POST", "/echo")).hasValueSatisfying(e -> {
        assertThat(e.fact("body")).hasValue("json");
        assertThat(e.fact("body-type")).hasValue("Person");
        assertThat(e.fact("max-body-size")).hasValue(Long.toString(1024 * 1024));
        assertThat(e.columns()).containsEntry("input", "Person (bounded)");
        assertThat(e.name()).endsWith("EchoResource#echo");
      });
      assertThat(written.endpoints()).filteredOn(e -> e.name().endsWith("#small"))
          .singleElement().satisfies(e -> assertThat(e.fact("max-body-size")).hasValue("16"));
    } finally {
      server.stop();
    }
  }

  @Test
  void aReportFileInAFolderThatDoesNotExistRefusesStartUpNamingTheProperty(@TempDir Path dir) {
    Path file = dir.resolve("missing").resolve("endpoints.json");
    GatehouseConfigException refused = Fixtures.server()
        .property(EndpointReport.REPORT_FILE, file.toString()).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refused.getMessage()).contains("gatehouse.lint.report-file")
        .contains("existing folder");
  }

  /** A body with an unbounded string: the lint refuses the application. */
  @jakarta.ws.rs.Path("/unbounded")
  public static class Unbounded {
    /** Unbounded. */
    public record Body(String text) {
    }

    @jakarta.ws.rs.POST
    public void post(Body body) {
    }
  }

  @Test
  void aRefusedApplicationWritesNoReport(@TempDir Path dir) {
    Path file = dir.resolve("endpoints.json");
    Fixtures.server().register(Unbounded.class)
        .property(EndpointReport.REPORT_FILE, file.toString()).build()
        .refusal(GatehouseConfigException.class);
    assertThat(file).doesNotExist();
  }
}
