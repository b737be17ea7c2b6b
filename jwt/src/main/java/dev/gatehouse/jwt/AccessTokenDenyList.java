package dev.gatehouse.jwt;

import java.time.Instant;

/**
 * Access tokens revoked before they expire: one token by its {@code jti} (logout), or every token
 * of a session by its {@code sid} (logout, refresh-token reuse, logout everywhere, a subject that
 * is gone). Verification asks {@link #isDenied} on every authenticated request — one round trip
 * to a remote store. In memory or in Redis, chosen with the refresh-token store; an application's
 * own bean of this type replaces Gatehouse's:
 *
 * <pre>{@code
 * @Produces @ApplicationScoped
 * AccessTokenDenyList denyList() { return new MyDenyList(...); }
 * }</pre>
 *
 * <p>Methods may throw {@link dev.gatehouse.core.StoreUnavailableException};
 * {@code gatehouse.jwt.denylist.on-store-failure} decides what verification does then. Gatehouse
 * chooses how long an entry lives (an entry must outlive every token it denies, clock skew
 * included); an implementation keeps it at least until then and may drop it after.
 */
public interface AccessTokenDenyList {

  /** Denies the token {@code jti} until {@code until}. */
  void deny(String jti, Instant until);

  /** Denies every token of the session {@code sid} until {@code until}. */
  void denySession(String sid, Instant until);

  /**
   * Whether the token {@code jti}, or its session {@code sid}, is denied at {@code now}.
   *
   * @param jti the token's id, or null for a token without one (an external issuer's, with
   *     {@code gatehouse.jwt.require-jti=false}): only its session can deny it
   * @param sid the token's session, or null for a token without one
   */
  boolean isDenied(String jti, String sid, Instant now);
}
