package dev.gatehouse.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's {@code jmh.json} (all rounds of one run) and the harness's {@code extra.json}
 * (round trips, bytes per bucket) into {@code results.json}, {@code results.md} and
 * {@code ratios.png}, all in the same directory. Every ratio is computed round by round inside
 * the run, then summarised as median and spread (min–max).
 *
 * <pre>{@code java -cp ... dev.gatehouse.bench.report.Report benchmarks/target}</pre>
 */
public final class Report {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** A comparison whose two benchmarks were both in the run. */
  record Row(Comparison comparison, Measured candidate, Measured baseline, List<Double> ratios) {
    double median() {
      return Stats.median(ratios);
    }
  }

  private Report() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: Report <directory holding jmh.json>");
    }
    write(Path.of(args[0]));
  }

  /** Reads {@code dir/jmh.json} (and {@code dir/extra.json} if present) and writes the three. */
  public static List<Row> write(Path dir) throws IOException {
    Path jmh = dir.resolve("jmh.json");
    if (!Files.exists(jmh)) {
      throw new IOException(jmh + " is missing: run the benchmarks first ("
          + "mvn -B -Pbench verify -pl benchmarks -am)");
    }
    Map<String, Measured> measured = Measured.read(JSON.readTree(jmh.toFile()));
    Path extraFile = dir.resolve("extra.json");
    JsonNode extra = Files.exists(extraFile) ? JSON.readTree(extraFile.toFile()) : null;
    List<Row> rows = new ArrayList<>();
    for (Comparison c : Comparison.ALL) {
      Measured cand = measured.get(c.candidate());
      Measured base = measured.get(c.baseline());
      if (cand != null && base != null) {
        rows.add(new Row(c, cand, base, Stats.ratios(cand.scores(), base.scores())));
      }
    }
    Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(json(measured, rows,
        extra)));
    Files.writeString(dir.resolve("results.md"), Markdown.of(rows, extra));
    RatioChart.write(rows, dir.resolve("ratios.png"));
    return rows;
  }

  private static ObjectNode json(Map<String, Measured> measured, List<Row> rows, JsonNode extra) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode benchmarks = root.putArray("benchmarks");
    for (Measured m : measured.values()) {
      ObjectNode b = benchmarks.addObject();
      b.put("benchmark", m.key());
      b.put("score", m.score());
      b.put("error", m.error());
      b.put("unit", m.unit());
      ArrayNode rounds = b.putArray("rounds");
      m.scores().forEach(rounds::add);
      ObjectNode ratios = b.putObject("ratios");
      for (Row r : rows) {
        if (r.candidate() == m) {
          ratios.put(r.baseline().key(), r.median());
        }
      }
    }
    ArrayNode comparisons = root.putArray("comparisons");
    for (Row r : rows) {
      ObjectNode c = comparisons.addObject();
      c.put("measure", r.comparison().measure());
      c.put("candidate", r.candidate().key());
      c.put("baseline", r.baseline().key());
      c.put("candidateScore", r.candidate().score());
      c.put("baselineScore", r.baseline().score());
      c.put("unit", r.candidate().unit());
      c.put("ratio", r.median());
      c.put("ratioMin", Stats.min(r.ratios()));
      c.put("ratioMax", Stats.max(r.ratios()));
      c.put("rounds", r.ratios().size());
      if (r.comparison().goal() != null) {
        c.put("goal", r.comparison().goal());
        c.put("goalMet", r.median() >= r.comparison().goal());
      }
    }
    if (extra != null) {
      root.set("extra", extra);
    }
    return root;
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f×", r);
  }

  static String ops(double perSecond) {
    if (perSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
    }
    if (perSecond >= 1e3) {
      return String.format(Locale.ROOT, "%.1f k/s", perSecond / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f /s", perSecond);
  }
}
