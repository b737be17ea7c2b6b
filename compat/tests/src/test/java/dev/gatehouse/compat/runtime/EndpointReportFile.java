package dev.gatehouse.compat.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a runtime under test writes its endpoint report ({@code gatehouse.lint.report-file}), for
 * gatehouse-test's attack kit — as a user's integration test against a separately started server
 * would read it.
 */
final class EndpointReportFile {

  /** The setting, as an environment variable. */
  static final String ENV = "GATEHOUSE_LINT_REPORT_FILE";

  private EndpointReportFile() {
  }

  /** A fresh path for {@code runtime}'s report: the folder exists, no stale report is left. */
  static Path of(String runtime) {
    Path file = QuarkusApps.work().resolve("endpoint-report-" + runtime + ".json")
        .toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
