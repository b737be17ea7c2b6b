package dev.gatehouse.core.spi;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The per-request proof that a module's filter ran — for Gatehouse's own modules. A filter claims
 * its mark first thing; a second registration of the same filter (scanned and registered by hand)
 * then finds the mark and does nothing, so nothing is enforced twice (a rate limit counted twice,
 * say), and core's last filter refuses any request whose endpoint lacks a mark it requires.
 *
 * <pre>{@code
 * public void filter(ContainerRequestContext request) {
 *   if (!Guarantees.claim(request, MARK)) return;   // already done for this request
 *   ...
 * }
 * }</pre>
 */
public final class Guarantees {

  private Guarantees() {
  }

  /** Marks {@code request}; false when it was marked already. */
  public static boolean claim(ContainerRequestContext request, String mark) {
    if (request.getProperty(mark) != null) {
      return false;
    }
    request.setProperty(mark, Boolean.TRUE);
    return true;
  }

  /** Whether {@code request} carries {@code mark}. */
  public static boolean claimed(ContainerRequestContext request, String mark) {
    return request.getProperty(mark) != null;
  }
}
