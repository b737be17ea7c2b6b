package dev.gatehouse.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A backing store (Redis, a database) could not answer in time. Gatehouse answers 503 with
 * {@code Retry-After} — never a 500, never a success it cannot vouch for — and fires a
 * {@code SERVER_ERROR} event; the next request tries the store again, so service resumes by itself
 * when the store returns. It is a {@code WebApplicationException}, so that thrown from a parameter
 * converter it is not turned into the 404 Jakarta REST gives other converter failures.
 *
 * <pre>{@code
 * try { return jedis.evalsha(...); }
 * catch (JedisException e) { throw new StoreUnavailableException("refresh-token store", e); }
 * }</pre>
 */
public class StoreUnavailableException extends WebApplicationException {

  private static final long serialVersionUID = 1L;

  /** Seconds a client should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 2;

  private final String store;

  public StoreUnavailableException(String store, Throwable cause) {
    super(store + " unavailable", cause, Response.Status.SERVICE_UNAVAILABLE);
    this.store = store;
  }

  /** Which store failed, for logs (never sent to clients). */
  public String store() {
    return store;
  }
}
