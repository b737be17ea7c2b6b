package dev.gatehouse.jwt.internal;

/**
 * A token was refused; {@link #reason()} is for the security event only, never the client, and
 * {@link #detail()} — a printable value such as the token's lifetime — for the operator's
 * {@link RefusalHints} only.
 */
final class AuthenticationFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String detail;

  AuthenticationFailure(String reason) {
    this(reason, null);
  }

  AuthenticationFailure(String reason, String detail) {
    super(reason, null, false, false);
    this.reason = reason;
    this.detail = detail;
  }

  String reason() {
    return reason;
  }

  String detail() {
    return detail;
  }
}
