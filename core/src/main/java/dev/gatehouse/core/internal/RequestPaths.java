package dev.gatehouse.core.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;

/**
 * The request path relative to the application, still percent-encoded: the raw request URI's path
 * minus the raw base URI's path. {@code UriInfo.getPath(false)} would say the same, but Quarkus
 * REST refuses it ("We do not support non-decoded parameters").
 */
final class RequestPaths {

  private RequestPaths() {
  }

  /** {@code /notes/a%2Fb;x=1} for {@code https://host/api/notes/a%2Fb;x=1?q} under {@code /api}. */
  public static String raw(ContainerRequestContext request) {
    URI requestUri = request.getUriInfo().getRequestUri();
    String path = requestUri.getRawPath() == null ? "/" : requestUri.getRawPath();
    String base = request.getUriInfo().getBaseUri().getRawPath();
    if (base != null && base.length() > 1) {
      String prefix = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      if (path.startsWith(prefix)) {
        path = path.substring(prefix.length());
      }
    }
    return path.startsWith("/") ? path : "/" + path;
  }
}
