package dev.gatehouse.test;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A Jakarta REST client filter that sends the current {@link TestCaller}'s token, unless the
 * request sets its own {@code Authorization}.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(TestCallerFilter.class);
 * }</pre>
 */
public final class TestCallerFilter implements ClientRequestFilter {

  @Override
  public void filter(ClientRequestContext request) {
    if (request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
      return;
    }
    TestCallers.authorization().ifPresent(
        a -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, a));
  }
}
