package dev.gatehouse.core;

import dev.gatehouse.core.spi.GatehouseCounter;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Clock;

/**
 * Fires {@link SecurityEvent}s: one JSON line on the logger {@code dev.gatehouse.security} (level
 * WARNING) and a CDI event for observers. The one place every module reports through.
 *
 * <pre>{@code
 * SecurityEvents.fire(requestContext, SecurityEventType.AUTHENTICATION_FAILED, "token_expired");
 * }</pre>
 *
 * <p>An observer that throws cannot break the response: its exception is logged and dropped.
 *
 * <p>Each event is also counted as {@code gatehouse.security.events{type, reason}} in the
 * application's metrics registry, when it has one (see {@link GatehouseCounter}): the type and the
 * reason code, never the subject, address or path.
 */
public final class SecurityEvents {

  /** The logger name; route it to your log pipeline. */
  public static final String LOGGER = "dev.gatehouse.security";

  /** The request property holding the matched path template, set by Gatehouse per method. */
  public static final String PATH_TEMPLATE = "dev.gatehouse.core.path-template";

  private static final System.Logger LOG = System.getLogger(LOGGER);
  private static final Clock CLOCK = Clock.systemUTC();
  private static final GatehouseCounter COUNTED = GatehouseCounter.of(
      "security.events", "Security events Gatehouse fired, by type and reason code",
      "type", "reason");

  private SecurityEvents() {
  }

  /**
   * Builds an event from the request (Gatehouse's id and the client's safe one, subject, client
   * address, method, path template) and fires it.
   */
  public static SecurityEvent fire(ContainerRequestContext request, SecurityEventType type,
      String reason) {
    return fire(request, type, reason, null, null);
  }

  /**
   * As {@link #fire(ContainerRequestContext, SecurityEventType, String)}, naming the subject when
   * the request has none (the owner of a reused refresh token) and an account key (see
   * {@link SecurityEvent#accountKey(String)}) for an anonymous attempt at an account.
   */
  public static SecurityEvent fire(ContainerRequestContext request, SecurityEventType type,
      String reason, String subject, String accountKey) {
    SecurityEvent event = event(request, type, reason, subject, accountKey);
    fire(event);
    return event;
  }

  /**
   * Reports what a check in report-only mode ({@link RolloutSettings}) would have refused and
   * served instead: the event {@code wouldRefuse} carries — the same one enforcement fires when it
   * sends that problem — marked {@link SecurityEvent#enforced() not enforced}, and counted for
   * {@code check} (see the {@code Gatehouse report-only} lines of {@code dev.gatehouse.core}).
   *
   * <pre>{@code
   * if (reportOnly) {
   *   SecurityEvents.notEnforced(request, RolloutSettings.JWT, Problem.unauthorized("anonymous"));
   * }
   * }</pre>
   */
  public static SecurityEvent notEnforced(ContainerRequestContext request, String check,
      Problem wouldRefuse) {
    SecurityEvent event = event(request, wouldRefuse.eventType(), wouldRefuse.eventReason(),
        wouldRefuse.eventSubject(), wouldRefuse.eventAccountKey()).notEnforced();
    request.setProperty(dev.gatehouse.core.internal.RolloutReports.SERVED,
        check + " " + wouldRefuse.status());
    fire(event);
    try {
      CDI.current().select(dev.gatehouse.core.internal.CoreRuntime.class).get().rollout()
          .count(check, event);
    } catch (IllegalStateException noContainer) {
      // no CDI container in this process: the event is the record
    }
    return event;
  }

  private static SecurityEvent event(ContainerRequestContext request, SecurityEventType type,
      String reason, String subject, String accountKey) {
    String authenticated = subject(request);
    return new SecurityEvent(type, CLOCK.instant(),
        RequestId.of(request).orElse(null),
        RequestId.client(request).orElse(null),
        authenticated != null ? authenticated : subject,
        ClientAddress.of(request).map(ClientAddress::text).orElse(null),
        request.getMethod(),
        request.getProperty(PATH_TEMPLATE) instanceof String p ? p : null,
        reason,
        accountKey);
  }

  /** Fires an event built elsewhere (e.g. outside a request). */
  public static void fire(SecurityEvent event) {
    LOG.log(System.Logger.Level.WARNING, event.toJson());
    COUNTED.increment(event.type().name(), event.reason());
    try {
      CDI.current().getBeanManager().getEvent().select(SecurityEvent.class).fire(event);
    } catch (IllegalStateException noContainer) {
      // no CDI container in this process: the log line is the record
    } catch (RuntimeException observerFailed) {
      LOG.log(System.Logger.Level.ERROR, "a SecurityEvent observer failed", observerFailed);
    }
  }

  private static String subject(ContainerRequestContext request) {
    SecurityContext sc = request.getSecurityContext();
    Principal p = sc == null ? null : sc.getUserPrincipal();
    return p == null ? null : p.getName();
  }
}
