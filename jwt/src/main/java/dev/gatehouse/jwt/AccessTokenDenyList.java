package dev.gatehouse.jwt;

import java.time.Instant;

/**
 * Access tokens revoked before they expire (logout), by {@code jti}, kept until their {@code exp}.
 * Verification consults it on every authenticated request. In memory or in Redis, chosen with the
 * refresh-token store. Methods may throw {@link dev.gatehouse.core.StoreUnavailableException};
 * {@code gatehouse.jwt.denylist.on-store-failure} decides what verification does then.
 */
public interface AccessTokenDenyList {

  /** Denies {@code jti} until {@code expiresAt}. */
  void deny(String jti, Instant expiresAt);

  /** Whether {@code jti} is denied at {@code now}. */
  boolean isDenied(String jti, Instant now);
}
