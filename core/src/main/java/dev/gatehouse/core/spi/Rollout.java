package dev.gatehouse.core.spi;

import dev.gatehouse.core.internal.CoreRuntime;

/**
 * Whether a check of a Gatehouse module only reports in the running application
 * ({@code gatehouse.rollout.report-only}, see {@link dev.gatehouse.core.RolloutSettings}) — for
 * Gatehouse's own modules. Ask once, after start-up, and keep the answer, so that the enforcing
 * path stays one boolean test per request:
 *
 * <pre>{@code
 * private final Lazy<Boolean> reportOnly = new Lazy<>(() -> Rollout.reportOnly(RolloutSettings.JWT));
 * ...
 * if (reportOnly.get()) SecurityEvents.notEnforced(request, RolloutSettings.JWT, problem);
 * else request.abortWith(problem.toResponse());
 * }</pre>
 */
public final class Rollout {

  private Rollout() {
  }

  /** Whether {@code check} only reports in the running application. */
  public static boolean reportOnly(String check) {
    return CoreRuntime.current().settings().rollout().reportOnly(check);
  }
}
