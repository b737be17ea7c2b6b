package dev.gatehouse.core.internal;

import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.PeerAddressSource;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.RequestId;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The first Gatehouse filter of every request (pre-matching): assigns the request id, resolves the
 * client address and whether the request is HTTPS (through trusted proxies only), redirects plain
 * HTTP when configured (308, RFC 9110 §15.4.9, keeps the method and body) and answers hidden
 * documentation paths with the ordinary 404.
 */
@PreMatching
@Priority(CorePriorities.REQUEST_CONTEXT)
public final class RequestContextFilter implements ContainerRequestFilter {

  /** Request property: {@code Boolean.TRUE} when the client used HTTPS. */
  public static final String SECURE = "dev.gatehouse.core.secure";

  private static final InetAddress UNKNOWN_PEER = IpLiteral.parse("0.0.0.0", false).orElseThrow();

  private final CoreSettings settings;
  private final ForwardedResolver forwarded;
  private final PeerAddressSource peers;

  public RequestContextFilter(CoreSettings settings, PeerAddressSource peers) {
    this.settings = settings;
    this.forwarded = new ForwardedResolver(settings.proxies());
    this.peers = peers;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(RequestId.PROPERTY,
        RequestId.accept(request.getHeaderString(RequestId.HEADER)));

    InetAddress peer = IpLiteral.parse(peers.peerAddress(request), false).orElse(UNKNOWN_PEER);
    ForwardedResolver.Origin origin = forwarded.resolve(peer, request.getHeaders());
    request.setProperty(ClientAddress.PROPERTY, origin.client());

    URI uri = request.getUriInfo().getRequestUri();
    boolean secure = origin.proto().map("https"::equals)
        .orElseGet(() -> "https".equalsIgnoreCase(uri.getScheme())
            || (request.getSecurityContext() != null && request.getSecurityContext().isSecure()));
    request.setProperty(SECURE, secure);

    if (!secure && settings.https().redirect()) {
      int port = settings.https().port();
      // Raw path and query, so that what the client encoded stays encoded exactly once.
      String target = "https://" + uri.getHost() + (port == 443 ? "" : ":" + port)
          + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      request.abortWith(Response.status(308).location(URI.create(target)).build());
      return;
    }
    if (!settings.docs().enabled() && DocsGate.isDocsPath(request.getUriInfo().getPath(false))) {
      request.abortWith(Problem.notFound().toResponse());
    }
  }

  static Optional<Boolean> secure(ContainerRequestContext request) {
    return request.getProperty(SECURE) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

}
