package dev.gatehouse.ratelimit.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Reports the quota left on allowed responses: {@code RateLimit-Policy} and {@code RateLimit}. */
@Provider
public final class RateLimitHeadersFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(Limiter.QUOTA) instanceof Limiter.Quota q
        && !response.getHeaders().containsKey("RateLimit")) {
      response.getHeaders().putSingle("RateLimit-Policy", q.policy().policyHeader());
      response.getHeaders().putSingle("RateLimit", q.header());
    }
  }
}
