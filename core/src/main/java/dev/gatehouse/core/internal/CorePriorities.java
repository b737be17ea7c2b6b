package dev.gatehouse.core.internal;

import jakarta.ws.rs.Priorities;

/** Filter priorities of the core module, relative to {@link Priorities}. */
public final class CorePriorities {

  /** Pre-matching: request id, client address, HTTPS redirect, hidden docs. */
  public static final int REQUEST_CONTEXT = 20;
  /** Post-matching, before authentication: endpoint plan, path template and body limit. */
  public static final int ENDPOINT = Priorities.AUTHENTICATION - 500;
  /**
   * Post-matching, after authentication, authorization, rate limits and ownership: the check that
   * every module ran, the documentation gate, paging and sort parameters.
   */
  public static final int GUARD = Priorities.USER - 500;

  private CorePriorities() {
  }
}
