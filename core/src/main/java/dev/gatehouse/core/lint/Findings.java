package dev.gatehouse.core.lint;

/** What a rule found about one endpoint. */
public interface Findings {

  /** The endpoint breaks the rule; {@code fix} says what to do. */
  void violation(String problem, String fix);

  /**
   * A value for a report column, e.g. {@code note("who", "roles admin")}: one of the rule's
   * {@link EndpointRule#columns()}, or another column shown only where it is noted.
   */
  void note(String column, String value);

  /**
   * A machine-readable fact about the endpoint, e.g. {@code fact("access", "roles")}: not shown in
   * the logged report but kept in {@link EndpointReport}, where tests (the {@code gatehouse-test}
   * attack kit) read what each endpoint enforces without parsing report text. A second value for
   * the same name is appended after a comma.
   */
  default void fact(String name, String value) {
  }

  /**
   * Whether {@code check} only reports in this application ({@code gatehouse.rollout.report-only},
   * see {@link dev.gatehouse.core.RolloutSettings}): a rule whose column shows what that check
   * enforces then adds {@code (report-only)} to it, where the check would refuse something.
   */
  default boolean reportOnly(String check) {
    return false;
  }
}
