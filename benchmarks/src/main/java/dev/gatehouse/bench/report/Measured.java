package dev.gatehouse.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's scores over the rounds of a run, read from JMH's JSON, where a benchmark run in
 * several rounds appears once per round, in round order.
 *
 * @param key {@code Class.method[param=value,...]@t<threads>}, e.g.
 *     {@code InProcessLimitBenchmark.gatehouse[keys=1]@t2}
 */
record Measured(String key, String unit, List<Double> scores, List<Double> errors) {

  /** Groups JMH's results by key, keeping each benchmark's rounds in order. */
  static Map<String, Measured> read(JsonNode jmh) {
    Map<String, Measured> byKey = new LinkedHashMap<>();
    for (JsonNode result : jmh) {
      String key = key(result);
      JsonNode metric = result.get("primaryMetric");
      Measured m = byKey.computeIfAbsent(key, k -> new Measured(k,
          metric.get("scoreUnit").asText(), new ArrayList<>(), new ArrayList<>()));
      m.scores().add(metric.get("score").asDouble());
      m.errors().add(metric.get("scoreError").isNumber()
          ? metric.get("scoreError").asDouble() : Double.NaN);
    }
    return byKey;
  }

  static String key(JsonNode result) {
    String name = result.get("benchmark").asText();
    int method = name.lastIndexOf('.');
    int cls = name.lastIndexOf('.', method - 1);
    StringBuilder key = new StringBuilder(name.substring(cls + 1));
    JsonNode params = result.get("params");
    if (params != null && params.size() > 0) {
      key.append('[');
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        key.append(p.getKey()).append('=').append(p.getValue().asText());
        if (it.hasNext()) {
          key.append(',');
        }
      }
      key.append(']');
    }
    return key.append("@t").append(result.get("threads").asInt()).toString();
  }

  /** The median over rounds. */
  double score() {
    return Stats.median(scores);
  }

  /** JMH's error (99.9 %) of the round whose score is the median, the upper one of two. */
  double error() {
    List<Double> sorted = new ArrayList<>(scores);
    sorted.sort(null);
    return errors.get(scores.indexOf(sorted.get(sorted.size() / 2)));
  }
}
