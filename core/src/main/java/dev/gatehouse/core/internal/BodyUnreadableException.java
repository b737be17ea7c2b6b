package dev.gatehouse.core.internal;

import java.io.IOException;

/**
 * A request body the container failed to deliver — a runtime exception from its input stream,
 * such as a server's own data-rate or framing check — turned into an {@link IOException} so that
 * it is answered like a body cut short (400 problem), not as an unexpected 500.
 */
final class BodyUnreadableException extends IOException {

  private static final long serialVersionUID = 1L;

  public BodyUnreadableException(RuntimeException cause) {
    super("the container failed to deliver the request body: " + cause.getClass().getName(),
        cause);
  }
}
