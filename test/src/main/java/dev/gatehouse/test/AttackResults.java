package dev.gatehouse.test;

import java.util.List;

/**
 * What the {@link AttackKit} did: one row per endpoint and attack, with what Gatehouse's rules
 * promise and what the application answered.
 */
public final class AttackResults {

  /**
   * One attack on one endpoint.
   *
   * @param endpoint {@code METHOD /path/{template}}, or {@code *} for attacks on the application
   * @param attack e.g. {@code no-token}, {@code not-owner id}
   * @param expected what the endpoint's rules promise, e.g. {@code 401}
   * @param got what it answered
   * @param passed whether {@code got} keeps the promise
   */
  public record Row(String endpoint, String attack, String expected, String got, boolean passed) {
  }

  private final List<Row> rows;

  AttackResults(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /** Whether every attack was refused as promised. */
  public boolean passed() {
    return rows.stream().allMatch(Row::passed);
  }

  /** The rows that did not keep their promise. */
  public List<Row> failures() {
    return rows.stream().filter(r -> !r.passed()).toList();
  }

  /**
   * @throws AssertionError listing the whole table, failures marked, when an attack was not
   *     refused as its endpoint's rules promise
   */
  public void assertPassed() {
    if (!passed()) {
      throw new AssertionError(failures().size() + " of " + rows.size()
          + " attacks were not refused as the endpoints' rules promise:\n" + table());
    }
  }

  /** The table: endpoint × attack × expected × got, failures marked {@code ✗}. */
  public String table() {
    int e = "endpoint".length();
    int a = "attack".length();
    int x = "expected".length();
    for (Row r : rows) {
      e = Math.max(e, r.endpoint().length());
      a = Math.max(a, r.attack().length());
      x = Math.max(x, r.expected().length());
    }
    String format = "%s %-" + e + "s | %-" + a + "s | %-" + x + "s | %s%n";
    StringBuilder b = new StringBuilder(String.format(format, " ", "endpoint", "attack",
        "expected", "got"));
    for (Row r : rows) {
      b.append(String.format(format, r.passed() ? " " : "✗", r.endpoint(), r.attack(),
          r.expected(), r.got()));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return table();
  }
}
