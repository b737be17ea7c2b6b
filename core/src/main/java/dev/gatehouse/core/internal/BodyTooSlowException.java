package dev.gatehouse.core.internal;

import java.io.IOException;

/**
 * Thrown by the counting stream when a body has not arrived within the read timeout. An
 * {@link IOException}, so that Jackson and other readers pass it through unwrapped.
 */
final class BodyTooSlowException extends IOException {

  private static final long serialVersionUID = 1L;

  public BodyTooSlowException() {
    super("request body did not arrive in time", null);
  }
}
