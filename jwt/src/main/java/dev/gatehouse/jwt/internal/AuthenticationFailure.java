package dev.gatehouse.jwt.internal;

/** A token was refused; {@link #reason()} is for the security event only, never the client. */
final class AuthenticationFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  AuthenticationFailure(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
