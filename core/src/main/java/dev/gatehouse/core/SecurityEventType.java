package dev.gatehouse.core;

/** What happened. Each type is a candidate for an alert rule. */
public enum SecurityEventType {
  /** Missing, malformed, forged, expired or revoked credentials. */
  AUTHENTICATION_FAILED,
  /** An authenticated caller lacked a role or permission. */
  ACCESS_DENIED,
  /** An id that exists but belongs to someone else was asked for. */
  NOT_OWNED,
  /** A rate limit refused a call. */
  RATE_LIMITED,
  /** A rotated refresh token was presented again; its family was revoked. */
  REFRESH_TOKEN_REUSE,
  /** A request body or parameter broke the input rules. */
  VALIDATION_FAILED,
  /** A request body was larger than allowed. */
  BODY_TOO_LARGE,
  /** A request body did not arrive within the read timeout (a slow-body attack, or a dead client). */
  BODY_TOO_SLOW,
  /** A cross-origin request was not granted. */
  CORS_REJECTED,
  /** A failure of a backing store or an unexpected error worth an operator's look. */
  SERVER_ERROR,
  /**
   * A key changed without a restart: {@code signing_key_rotated} (a new key signs),
   * {@code verification_keys_changed}, or {@code previous_key_dropped} (a key kept for the tokens
   * it signed stops verifying); the event's subject is the key's {@code kid}, never key material.
   */
  KEY_ROTATED
}
