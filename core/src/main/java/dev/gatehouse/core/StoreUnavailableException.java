package dev.gatehouse.core;

/**
 * A backing store (Redis, a database) could not answer in time. Gatehouse answers 503 with
 * {@code Retry-After} — never a 500, never a success it cannot vouch for — and fires a
 * {@code SERVER_ERROR} event; the next request tries the store again, so service resumes by itself
 * when the store returns.
 *
 * <pre>{@code
 * try { return jedis.evalsha(...); }
 * catch (JedisException e) { throw new StoreUnavailableException("refresh-token store", e); }
 * }</pre>
 */
public class StoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Seconds a client should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 2;

  private final String store;

  public StoreUnavailableException(String store, Throwable cause) {
    super(store + " unavailable", cause);
    this.store = store;
  }

  /** Which store failed, for logs (never sent to clients). */
  public String store() {
    return store;
  }
}
