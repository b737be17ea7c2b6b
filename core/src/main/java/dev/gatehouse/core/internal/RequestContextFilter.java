package dev.gatehouse.core.internal;

import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.RequestId;
import dev.gatehouse.core.spi.Guarantees;
import dev.gatehouse.core.spi.Lazy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The first Gatehouse filter of every request (pre-matching): assigns the request id (always a new
 * one; a safe client {@code X-Request-Id} is kept beside it, see {@link RequestId}), resolves the
 * client address and whether the request is HTTPS (through trusted proxies only), redirects plain
 * HTTP when configured (308, RFC 9110 §15.4.9, keeps the method and body), answers hidden
 * documentation paths with the ordinary 404, and refuses {@code Content-Type} and {@code Accept}
 * headers that are not media types with a 400 problem — runtimes would otherwise fail on them
 * while matching and answer an empty 400 outside every filter.
 */
@Provider
@PreMatching
@Priority(GatehousePriorities.REQUEST_CONTEXT)
public final class RequestContextFilter implements ContainerRequestFilter {

  /** Request property: {@code Boolean.TRUE} when the client used HTTPS. */
  public static final String SECURE = "dev.gatehouse.core.secure";

  static final String MARK = "dev.gatehouse.core.request";

  private static final InetAddress UNKNOWN_PEER = IpLiteral.parse("0.0.0.0", false).orElseThrow();

  private final Lazy<CoreRuntime> runtime = Lazy.bean(CoreRuntime.class);
  private volatile Resolved resolved;

  private record Resolved(CoreSettings settings, ForwardedResolver forwarded) {
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!Guarantees.claim(request, MARK)) {
      return;
    }
    CoreRuntime core = runtime.get();
    Resolved r = resolved(core.settings());
    CoreSettings settings = r.settings();
    request.setProperty(RequestId.PROPERTY, RequestId.generate());
    RequestId.fromClient(request.getHeaderString(RequestId.HEADER))
        .ifPresent(client -> request.setProperty(RequestId.CLIENT_PROPERTY, client));

    InetAddress peer = IpLiteral.parse(core.peer(request), false).orElse(UNKNOWN_PEER);
    ForwardedResolver.Origin origin = r.forwarded().resolve(peer, request.getHeaders());
    request.setProperty(ClientAddress.PROPERTY, origin.client());

    URI uri = request.getUriInfo().getRequestUri();
    boolean secure = origin.proto().map("https"::equals)
        .orElseGet(() -> "https".equalsIgnoreCase(uri.getScheme())
            || (request.getSecurityContext() != null && request.getSecurityContext().isSecure()));
    request.setProperty(SECURE, secure);

    if (!secure && settings.https().redirect()) {
      int port = settings.https().port();
      // Raw path and query, so that what the client encoded stays encoded exactly once.
      String target = "https://" + settings.https().redirectHost() + (port == 443 ? "" : ":" + port)
          + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      request.abortWith(Response.status(308).location(URI.create(target)).build());
      return;
    }
    String malformed = malformedMediaTypeHeader(
        request.getHeaderString(jakarta.ws.rs.core.HttpHeaders.CONTENT_TYPE),
        request.getHeaderString(jakarta.ws.rs.core.HttpHeaders.ACCEPT));
    if (malformed != null) {
      request.abortWith(malformed(malformed).toResponse());
      return;
    }
    if (!settings.docs().enabled() && (DocsGate.isDocsPath(RequestPaths.raw(request))
        || DocsGate.isDocsPath(request.getUriInfo().getPath()))) {
      request.abortWith(Problem.notFound().toResponse());
    }
  }

  private Resolved resolved(CoreSettings settings) {
    Resolved r = resolved;
    if (r == null || r.settings() != settings) {
      r = new Resolved(settings, new ForwardedResolver(settings.proxies()));
      resolved = r;
    }
    return r;
  }

  /** The 400 for a header that is not a media type. */
  static Problem malformed(String header) {
    return Problem.of(400).detail("The " + header + " header is not a media type.")
        .with("errors", java.util.List.of(java.util.Map.of("field", header, "message",
            "must be a media type such as application/json")))
        .event(dev.gatehouse.core.SecurityEventType.VALIDATION_FAILED,
            header.toLowerCase(java.util.Locale.ROOT) + "_malformed");
  }

  /** The name of a Content-Type or Accept header the runtime could not parse, else null. */
  static String malformedMediaTypeHeader(String contentType, String accept) {
    if (contentType != null && !isMediaType(contentType)) {
      return "Content-Type";
    }
    if (accept != null) {
      for (String range : accept.split(",")) {
        if (!range.isBlank() && !isMediaType(range)) {
          return "Accept";
        }
      }
    }
    return null;
  }

  /** Parsed by the runtime's own media-type parser, so nothing it accepts is refused here. */
  private static boolean isMediaType(String value) {
    try {
      jakarta.ws.rs.core.MediaType.valueOf(value.trim());
      return !value.isBlank();
    } catch (RuntimeException notAMediaType) {
      return false;
    }
  }

  static Optional<Boolean> secure(ContainerRequestContext request) {
    return request.getProperty(SECURE) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }
}
