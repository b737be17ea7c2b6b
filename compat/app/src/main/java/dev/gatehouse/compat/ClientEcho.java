package dev.gatehouse.compat;

import dev.gatehouse.core.ClientAddress;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Test instrumentation: shows the client address Gatehouse resolved in a response header, so the
 * suite can check that each runtime's socket peer reaches Gatehouse.
 */
@Provider
public class ClientEcho implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    ClientAddress.of(request).ifPresent(c ->
        response.getHeaders().putSingle("X-Compat-Client", c.text()));
  }
}
