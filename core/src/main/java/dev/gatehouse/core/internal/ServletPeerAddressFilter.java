package dev.gatehouse.core.internal;

import dev.gatehouse.core.PeerAddressSource;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

/**
 * Copies the servlet container's socket peer address into a request property. Registered only
 * when the Servlet API is present, so that this class is never loaded on other runtimes.
 */
@PreMatching
@Priority(CorePriorities.PEER_ADDRESS)
public final class ServletPeerAddressFilter implements ContainerRequestFilter {

  @Context
  private HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(PeerAddressSource.PROPERTY, servletRequest.getRemoteAddr());
  }

  /** Whether the Servlet API can be loaded here. */
  public static boolean available() {
    try {
      Class.forName("jakarta.servlet.http.HttpServletRequest", false,
          ServletPeerAddressFilter.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
