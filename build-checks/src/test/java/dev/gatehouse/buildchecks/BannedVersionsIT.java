package dev.gatehouse.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The root pom's bannedDependencies rule (issue 15) fails a real build: a project under the
 * Gatehouse parent that gets jose4j 0.9.3 only transitively, through smallrye-jwt, is refused
 * with the banned artifact and the path to it named; the same project with 0.9.6 passes, so the
 * failure is the rule's and not the probe's. The probe is src/test/probes/banned/pom.xml.
 */
class BannedVersionsIT {

  static final Path PROBE = Path.of("src", "test", "probes", "banned", "pom.xml").toAbsolutePath();
  static final Path LOGS = Path.of("target", "probe-logs").toAbsolutePath();

  @Test
  void aBannedVersionBroughtTransitivelyFailsTheBuildNamingIt() throws Exception {
    Maven.Result result = Maven.run(Maven.ROOT, LOGS.resolve("banned-0.9.3.log"),
        "-f", PROBE.toString(), "-Dprobe.jose4j.version=0.9.3", "validate");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output())
        .contains("BannedDependencies failed")
        .contains("A dependency version with a known vulnerability is in the tree")
        .contains("io.smallrye:smallrye-jwt:jar:")
        .contains("org.bitbucket.b_c:jose4j:jar:0.9.3");
  }

  @Test
  void theFixedVersionPassesTheSameRules() throws Exception {
    Maven.Result result = Maven.run(Maven.ROOT, LOGS.resolve("allowed-0.9.6.log"),
        "-f", PROBE.toString(), "-Dprobe.jose4j.version=0.9.6", "validate");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("BannedDependencies passed");
  }
}
