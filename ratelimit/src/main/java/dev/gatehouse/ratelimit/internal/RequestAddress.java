package dev.gatehouse.ratelimit.internal;

import dev.gatehouse.core.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The client address of the current request, set by {@link RateLimitFilter}, for limits applied
 * in code ({@link dev.gatehouse.ratelimit.RateLimits#attempt}), where the request is not at hand.
 */
@RequestScoped
public class RequestAddress {

  private ClientAddress address;

  void set(ClientAddress address) {
    this.address = address;
  }

  public Optional<ClientAddress> get() {
    return Optional.ofNullable(address);
  }
}
