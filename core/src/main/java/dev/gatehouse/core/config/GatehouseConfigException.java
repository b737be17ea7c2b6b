package dev.gatehouse.core.config;

import java.util.List;

/**
 * Thrown at start-up when a {@code gatehouse.*} setting is invalid or unsafe; the application must
 * not start. The message lists every problem found, one per line, each naming the property, the
 * value (unless secret), the rule and the fix, e.g.:
 *
 * <pre>
 * gatehouse.body.max-bytes: "-1" must be a whole number of bytes from 1 to 2147483647; e.g. 1048576 for 1 MiB
 * </pre>
 */
public final class GatehouseConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public GatehouseConfigException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public GatehouseConfigException(String problem) {
    this(List.of(problem));
  }

  /** Each problem on its own, in the order found. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.size() == 1) {
      return "Gatehouse refuses to start: " + problems.get(0);
    }
    return "Gatehouse refuses to start (" + problems.size() + " problems):\n  "
        + String.join("\n  ", problems);
  }
}
