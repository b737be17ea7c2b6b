package dev.gatehouse.core.lint;

import dev.gatehouse.core.config.ConfigReader;
import java.util.Locale;

/**
 * {@code gatehouse.lint.mode}: {@code fail} (default — the application does not start while an
 * endpoint breaks the checklist), {@code warn} (start, and log the violations) or {@code off}.
 */
public enum LintSettings {
  FAIL, WARN, OFF;

  public static final String MODE = "gatehouse.lint.mode";

  public static LintSettings read(ConfigReader in) {
    String v = in.string(MODE).orElse("fail").toLowerCase(Locale.ROOT);
    return switch (v) {
      case "fail" -> FAIL;
      case "warn" -> WARN;
      case "off" -> OFF;
      default -> {
        in.problem(MODE, v, "must be fail, warn or off");
        yield FAIL;
      }
    };
  }
}
