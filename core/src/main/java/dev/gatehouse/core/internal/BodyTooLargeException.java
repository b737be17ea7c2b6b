package dev.gatehouse.core.internal;

import java.io.IOException;

/**
 * Thrown by the counting stream when a body passes its limit. An {@link IOException}, so that
 * Jackson and other readers pass it through unwrapped.
 */
final class BodyTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(long limit) {
    super("request body exceeds " + limit + " bytes");
  }
}
