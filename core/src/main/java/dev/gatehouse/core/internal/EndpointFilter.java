package dev.gatehouse.core.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.SecurityEvents;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Per resource method, before authentication: records the path template for events and enforces
 * the body limit — 413 at once for a declared {@code Content-Length} above it, otherwise a
 * counting stream that fails at the limit (chunked bodies, lying headers).
 */
final class EndpointFilter implements ContainerRequestFilter {

  private final String template;
  private final long maxBytes;

  EndpointFilter(String template, long maxBytes) {
    this.template = template;
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(SecurityEvents.PATH_TEMPLATE, template);
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && exceeds(declared.trim())) {
      request.abortWith(tooLarge().toResponse());
      return;
    }
    request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes));
  }

  Problem tooLarge() {
    return Problem.of(413)
        .detail("The request body is larger than the " + maxBytes + " bytes this endpoint accepts.")
        .event(SecurityEventType.BODY_TOO_LARGE, "limit_" + maxBytes);
  }

  private boolean exceeds(String declared) {
    // A Content-Length with more digits than a long holds is certainly too large.
    if (declared.length() > 18) {
      return true;
    }
    for (int i = 0; i < declared.length(); i++) {
      if (declared.charAt(i) < '0' || declared.charAt(i) > '9') {
        return false; // malformed: the container rejects it; the counting stream guards anyway
      }
    }
    return !declared.isEmpty() && Long.parseLong(declared) > maxBytes;
  }
}
