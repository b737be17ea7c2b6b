package dev.gatehouse.core;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Where the socket peer address of a request comes from. Gatehouse finds it by itself on Jakarta
 * EE servers (the servlet request), RESTEasy (WildFly, Quarkus RESTEasy classic) and Quarkus REST
 * (the Vert.x request), and wherever something sets the request property {@link #PROPERTY} (on
 * servlet containers a servlet filter can: request attributes are request properties there). Any
 * other runtime provides one CDI bean of this type, which then takes precedence.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class VertxPeerAddress implements PeerAddressSource {
 *   @Inject io.vertx.core.http.HttpServerRequest request;
 *   public String peerAddress(ContainerRequestContext ctx) {
 *     return request.remoteAddress().hostAddress();
 *   }
 * }
 * }</pre>
 *
 * <p>Without a peer address Gatehouse cannot trust any forwarding header: every client then
 * counts as {@code 0.0.0.0}, and a warning is logged at start.
 */
@FunctionalInterface
public interface PeerAddressSource {

  /** A request property (or servlet request attribute) holding the peer address as text. */
  String PROPERTY = "dev.gatehouse.core.peer-address";

  /**
   * The socket peer's IP address as text ({@code 192.0.2.1}, {@code 2001:db8::1} or
   * {@code [2001:db8::1]}), or null when unknown. Called once per request, before matching.
   */
  String peerAddress(ContainerRequestContext request);
}
