package dev.gatehouse.core;

import dev.gatehouse.core.spi.GatehouseCounter;
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
 *
 * <p>A store that is up but has no capacity left — every pooled connection in use for longer than
 * the pool's bounded wait — is {@link #saturated(String, Throwable) saturated}: the same 503 with
 * {@code Retry-After}, with the event reason {@code store_saturated} instead of
 * {@code store_unavailable}, so that an operator adds capacity instead of looking for an outage.
 * An outage's cause is logged with the request id; a saturated store's is not (each refusal is
 * its event line), so shedding load does not add a stack trace per request.
 *
 * <p>Every one created is counted as {@code gatehouse.store.failures{store, reason}}
 * ({@code reason} {@code unavailable} or {@code saturated}) in the application's metrics registry,
 * when it has one — also those a fail-open policy lets through without a 503, which fire no event.
 * The store's name is the label: give it a fixed name, never one built from a request.
 */
public class StoreUnavailableException extends WebApplicationException {

  private static final long serialVersionUID = 1L;

  /** Seconds a client should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 2;

  private static final GatehouseCounter FAILURES = GatehouseCounter.of("store.failures",
      "Calls to a backing store that failed, by store and reason", "store", "reason");

  private final String store;
  private final boolean saturated;

  /** The store could not be reached or did not answer in time (event {@code store_unavailable}). */
  public StoreUnavailableException(String store, Throwable cause) {
    this(store, cause, false);
  }

  private StoreUnavailableException(String store, Throwable cause, boolean saturated) {
    super(store + (saturated ? " saturated" : " unavailable"), cause,
        Response.Status.SERVICE_UNAVAILABLE);
    this.store = store;
    this.saturated = saturated;
    FAILURES.increment(store, saturated ? "saturated" : "unavailable");
  }

  /**
   * The store is up but none of its capacity came free within the bounded wait, e.g. a
   * connection pool whose every connection stayed in use (event {@code store_saturated}).
   *
   * <pre>{@code
   * catch (SQLTransientConnectionException e) { // the pool's wait ran out
   *   throw StoreUnavailableException.saturated("database", e);
   * }
   * }</pre>
   */
  public static StoreUnavailableException saturated(String store, Throwable cause) {
    return new StoreUnavailableException(store, cause, true);
  }

  /** Whether the store was busy rather than unreachable. */
  public boolean saturated() {
    return saturated;
  }

  /** Which store failed, for logs (never sent to clients). */
  public String store() {
    return store;
  }
}
