package dev.gatehouse.jwt.internal;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The claim naming the session (refresh-token family) an access token was issued in: {@code sid},
 * as registered for OpenID Connect session management (IANA JWT claims registry). Issuing writes
 * it, verification checks it against the deny-list, logout ends the session it names.
 */
public final class SessionClaim {

  public static final String NAME = "sid";

  private SessionClaim() {
  }

  /**
   * The token's session id, or null when it has none — or a malformed one (not a string of 1 to
   * 256 characters), which verification refuses. Gatehouse's own tokens always name one.
   */
  public static String of(JsonWebToken jwt) {
    Object sid = jwt.getClaim(NAME);
    if (sid instanceof jakarta.json.JsonString js) {
      sid = js.getString();
    }
    return sid instanceof String s && !s.isBlank() && s.length() <= 256 ? s : null;
  }
}
