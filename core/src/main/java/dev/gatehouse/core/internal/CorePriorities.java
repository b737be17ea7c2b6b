package dev.gatehouse.core.internal;

import jakarta.ws.rs.Priorities;

/** Filter priorities of the core module, relative to {@link Priorities}. */
public final class CorePriorities {

  /** Pre-matching: record the socket peer before anything reads it. */
  public static final int PEER_ADDRESS = 10;
  /** Pre-matching: request id, client address, HTTPS redirect, hidden docs. */
  public static final int REQUEST_CONTEXT = 20;
  /** Post-matching, before authentication: path template and body limit. */
  public static final int ENDPOINT = Priorities.AUTHENTICATION - 500;
  /** Post-matching, after authentication: documentation roles. */
  public static final int DOCS = Priorities.AUTHORIZATION;
  /** Post-matching, after authorization: paging and sort parameters. */
  public static final int PAGING = Priorities.USER - 500;

  private CorePriorities() {
  }
}
