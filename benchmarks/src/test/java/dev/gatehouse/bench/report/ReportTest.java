package dev.gatehouse.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report over a fixed JMH result of three HS256 rounds (Gatehouse 30k, 40k, 33k against
 * nimbus 120k, 100k, 110k) and one in-process pair on two threads.
 */
class ReportTest {

  @TempDir
  Path dir;

  @BeforeEach
  void copyFixture() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/report/jmh.json")) {
      Files.copy(in, dir.resolve("jmh.json"));
    }
  }

  @Test
  void ratiosAreTakenRoundByRoundAndSummarisedAsMedianAndSpread() throws IOException {
    List<Report.Row> rows = Report.write(dir);

    Report.Row hs256 = rows.stream()
        .filter(r -> r.comparison().measure().equals("HS256 first-seen vs nimbus-jose-jwt"))
        .findFirst().orElseThrow();
    // rounds: 0.25, 0.40, 0.30 -> median 0.30, not the ratio of medians (33k / 110k = 0.30 too,
    // so the spread is what tells them apart)
    assertThat(hs256.ratios()).containsExactly(0.25, 0.4, 0.3);
    assertThat(hs256.median()).isCloseTo(0.30, within(1e-9));
  }

  @Test
  void resultsJsonCarriesScoreErrorUnitAndTheRatioToEachBaseline() throws IOException {
    Report.write(dir);
    JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());

    JsonNode gatehouse = find(results.get("benchmarks"), "Hs256VerifyBenchmark.gatehouseFirstSeen@t1");
    assertThat(gatehouse.get("score").asDouble()).isEqualTo(33000.0);
    assertThat(gatehouse.get("error").asDouble()).isEqualTo(500.0);
    assertThat(gatehouse.get("unit").asText()).isEqualTo("ops/s");
    assertThat(gatehouse.get("ratios").get("Hs256VerifyBenchmark.nimbusProcessor@t1").asDouble())
        .isCloseTo(0.30, within(1e-9));

    JsonNode comparison = results.get("comparisons").get(0);
    assertThat(comparison.get("ratioMin").asDouble()).isCloseTo(0.25, within(1e-9));
    assertThat(comparison.get("ratioMax").asDouble()).isCloseTo(0.40, within(1e-9));
    assertThat(comparison.get("goal").asDouble()).isEqualTo(1.0);
    assertThat(comparison.get("goalMet").asBoolean()).isFalse();
  }

  @Test
  void theTableHasOneRowPerComparisonWhoseBenchmarksRanAndNoneForTheRest() throws IOException {
    Report.write(dir);
    String md = Files.readString(dir.resolve("results.md"));

    assertThat(md).contains("| HS256 first-seen vs nimbus-jose-jwt | 33.0 k/s | 110.0 k/s"
        + " (Hs256VerifyBenchmark.nimbusProcessor@t1) | **0.30×** | 0.25×–0.40× | ≥ 1.00× not met |");
    assertThat(md).contains("| in-process, hot key, 2 threads vs Bucket4j local | 6.00 M/s"
        + " | 12.00 M/s (InProcessLimitBenchmark.bucket4jLocal[keys=1]@t2) | **0.50×**");
    assertThat(md).doesNotContain("RS256").doesNotContain("smallrye");
    assertThat(md).contains("median of 3 rounds");
  }

  @Test
  void theChartIsAPngOfThePlottedComparisons() throws IOException {
    Report.write(dir);

    assertThat(ImageIO.read(dir.resolve("ratios.png").toFile())).isNotNull()
        .satisfies(image -> assertThat(image.getHeight()).isEqualTo(160 + 32 * 2));
  }

  @Test
  void aMissingJmhResultNamesTheCommandThatMakesIt() throws IOException {
    Files.delete(dir.resolve("jmh.json"));

    assertThatThrownBy(() -> Report.write(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining("mvn -B -Pbench verify -pl benchmarks -am");
  }

  private static JsonNode find(JsonNode benchmarks, String key) {
    for (JsonNode b : benchmarks) {
      if (b.get("benchmark").asText().equals(key)) {
        return b;
      }
    }
    throw new AssertionError("no " + key + " in " + benchmarks);
  }
}
