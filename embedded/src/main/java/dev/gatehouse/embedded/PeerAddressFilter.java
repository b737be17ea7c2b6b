package dev.gatehouse.embedded;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * Hands Gatehouse the socket peer address on a plain servlet container (Jetty + Jersey, no Jakarta
 * EE CDI): as the request attribute {@code dev.gatehouse.core.peer-address}, which Jersey shows
 * as a request property — the documented way for runtimes where Gatehouse cannot find the peer by
 * itself.
 */
public final class PeerAddressFilter implements Filter {

  /** The request attribute Gatehouse reads ({@code dev.gatehouse.core.PeerAddressSource#PROPERTY}). */
  public static final String ATTRIBUTE = "dev.gatehouse.core.peer-address";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
    chain.doFilter(request, response);
  }
}
