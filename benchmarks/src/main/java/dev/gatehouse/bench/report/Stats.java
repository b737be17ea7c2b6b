package dev.gatehouse.bench.report;

import java.util.ArrayList;
import java.util.List;

/** Median and spread over rounds. */
final class Stats {

  private Stats() {
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Round by round: candidate's score over baseline's, for the rounds both have. */
  static List<Double> ratios(List<Double> candidate, List<Double> baseline) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < Math.min(candidate.size(), baseline.size()); i++) {
      out.add(candidate.get(i) / baseline.get(i));
    }
    return out;
  }
}
