package dev.gatehouse.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown table of a run: measure, Gatehouse, rival, ratio (median, min–max), goal. */
final class Markdown {

  private Markdown() {
  }

  static String of(List<Report.Row> rows, JsonNode extra) {
    StringBuilder md = new StringBuilder();
    md.append("# Gatehouse benchmarks\n\n");
    int rounds = rows.stream().mapToInt(r -> r.ratios().size()).max().orElse(0);
    md.append("Ratios are Gatehouse's throughput over the rival's, round by round within one run;"
        + " median of ").append(rounds).append(rounds == 1 ? " round" : " rounds")
        .append(" with the spread (min–max) beside it.\n\n");
    md.append("| measure | Gatehouse | rival, same run | ratio | spread | goal |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Report.Row r : rows) {
      Double goal = r.comparison().goal();
      md.append("| ").append(r.comparison().measure())
          .append(" | ").append(Report.ops(r.candidate().score()))
          .append(" | ").append(Report.ops(r.baseline().score()))
          .append(" (").append(r.baseline().key()).append(')')
          .append(" | **").append(Report.ratio(r.median())).append("**")
          .append(" | ").append(Report.ratio(Stats.min(r.ratios()))).append('–')
          .append(Report.ratio(Stats.max(r.ratios())))
          .append(" | ").append(goal == null ? "" : "≥ " + Report.ratio(goal)
              + (r.median() >= goal ? " met" : " not met"))
          .append(" |\n");
    }
    if (extra != null) {
      roundTrips(md, extra.get("redisRoundTrips"));
      footprint(md, extra.get("bytesPerBucket"));
      startup(md, extra.get("startup"));
    }
    return md.toString();
  }

  private static void roundTrips(StringBuilder md, JsonNode trips) {
    if (trips == null) {
      return;
    }
    md.append("\n## Redis work per operation (counted, 1 thread)\n\n");
    md.append("| operation | round trips | commands run by Redis (INFO commandstats) |\n");
    md.append("|---|---|---|\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = trips.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      StringBuilder commands = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> c = e.getValue().get("commandsPerOp").fields();
          c.hasNext(); ) {
        Map.Entry<String, JsonNode> cmd = c.next();
        commands.append(cmd.getKey().toUpperCase(Locale.ROOT)).append(' ')
            .append(number(cmd.getValue().asDouble()));
        if (c.hasNext()) {
          commands.append(", ");
        }
      }
      md.append("| ").append(e.getKey()).append(" | ")
          .append(number(e.getValue().get("roundTripsPerOp").asDouble())).append(" | ")
          .append(commands).append(" |\n");
    }
  }

  private static void footprint(StringBuilder md, JsonNode bytes) {
    if (bytes == null) {
      return;
    }
    md.append("\n## Heap per in-process bucket, key included (retained after GC, ")
        .append(bytes.path("buckets").asInt()).append(" buckets; goal ≤ 200 bytes)\n\n");
    md.append("| limiter | bytes per bucket |\n|---|---|\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = bytes.path("perBucket").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().asLong())
          .append(" |\n");
    }
  }

  private static void startup(StringBuilder md, JsonNode startup) {
    if (startup == null) {
      return;
    }
    md.append("\n## Start-up, from a fresh JVM to listening (median of interleaved runs;"
        + " goal: ≤ +150 ms at 200 endpoints)\n\n");
    md.append("| endpoints | without Gatehouse | with every module | added |\n|---|---|---|---|\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = startup.fields(); it.hasNext(); ) {
      JsonNode s = it.next().getValue();
      md.append("| ").append(s.path("endpoints").asInt()).append(" | ")
          .append(s.path("bareMedianMs").asLong()).append(" ms | ")
          .append(s.path("gatehouseMedianMs").asLong()).append(" ms | +")
          .append(s.path("addedMs").asLong()).append(" ms |\n");
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
