package dev.gatehouse.core;

import jakarta.ws.rs.Priorities;

/**
 * Every Gatehouse request filter's priority, in the order a request meets them (lower runs first;
 * the values are relative to {@link Priorities}). An application that adds its own filter places
 * it against these: e.g. {@code @Priority(GatehousePriorities.ACCESS + 1)} sees only callers
 * Gatehouse has admitted.
 *
 * <table>
 *   <caption>Request filters in order</caption>
 *   <tr><th>constant</th><th>value</th><th>module: filter</th></tr>
 *   <tr><td>{@link #REQUEST_CONTEXT}</td><td>20, pre-matching</td><td>core: request id,
 *       client address, HTTPS redirect, hidden docs</td></tr>
 *   <tr><td>{@link #CORS_PREFLIGHT}</td><td>30, pre-matching</td><td>cors: preflights</td></tr>
 *   <tr><td>{@link #ENDPOINT}</td><td>500</td><td>core: endpoint plan, body limit</td></tr>
 *   <tr><td>{@link #AUTHENTICATION}</td><td>1000</td><td>jwt: bearer token</td></tr>
 *   <tr><td>{@link #RATE_LIMIT}</td><td>1500</td><td>ratelimit: policies</td></tr>
 *   <tr><td>{@link #ACCESS}</td><td>1900</td><td>jwt: roles, 401/403</td></tr>
 *   <tr><td>{@link #OWNED}</td><td>2100</td><td>ownership: {@code @Owned} parameters</td></tr>
 *   <tr><td>{@link #GUARD}</td><td>4500</td><td>core: every module ran, docs gate,
 *       paging</td></tr>
 * </table>
 *
 * <p>Why rate limits run where they do: after authentication, so that per-user buckets know the
 * subject, and before authorization, so that callers who are then refused (401 for a forged or
 * expired token, 403) are counted too — a flood of bad tokens or of forbidden calls is not free.
 * Preflights are answered before anything else that could refuse them, so a preflight never meets a
 * 401.
 */
public final class GatehousePriorities {

  /** Pre-matching: request id, client address, HTTPS redirect, hidden documentation. */
  public static final int REQUEST_CONTEXT = 20;
  /** Pre-matching, after the request context: CORS preflights, before any 401. */
  public static final int CORS_PREFLIGHT = 30;
  /** Before authentication: the matched endpoint's plan, path template and body limit. */
  public static final int ENDPOINT = Priorities.AUTHENTICATION - 500;
  /** The bearer token's verification (a refused token is recorded and answered by {@link #ACCESS}). */
  public static final int AUTHENTICATION = Priorities.AUTHENTICATION;
  /** After authentication, so per-user keys exist; before authorization, so refusals are counted. */
  public static final int RATE_LIMIT = Priorities.AUTHENTICATION + 500;
  /**
   * Roles and the 401/403, just before {@code AUTHORIZATION}, so that a container's own
   * {@code @RolesAllowed} filter (Payara's runs at {@code AUTHORIZATION}) only sees callers
   * Gatehouse admitted.
   */
  public static final int ACCESS = Priorities.AUTHORIZATION - 100;
  /** After authorization: {@code @Owned} parameters, before the method and before the body is read. */
  public static final int OWNED = Priorities.AUTHORIZATION + 100;
  /** Last: the check that every module ran, the documentation gate, paging and sort parameters. */
  public static final int GUARD = Priorities.USER - 500;

  private GatehousePriorities() {
  }
}
