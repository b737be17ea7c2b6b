package dev.gatehouse.jwt.internal;

import dev.gatehouse.jwt.AccessTokenDenyList;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.RefreshTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Ends sessions and access tokens: the refresh family in the store first, then the deny-list, so
 * that a failure half-way (503) leaves the caller's access token working for a retry.
 *
 * <p>How long denials last. Verification accepts a token until {@code exp} plus the clock skew,
 * so a denied {@code jti} is kept until then (plus a second: {@code exp} has whole seconds). A
 * denied session is kept until {@code now + max-token-age + 2 × skew}: once a family is revoked no
 * access token of it is minted again (a rotation checks revocation atomically, and a refresh hands
 * out the token it signed only if its rotation succeeded), so every token of the session was issued
 * by now — on another instance's clock up to one skew later — and lives at most
 * {@code max-token-age}, accepted up to one skew past its {@code exp}. The family's absolute age
 * (30 days by default) would keep an entry per logout for a month for nothing.
 *
 * <pre>{@code
 * runtime.revocations().endSession(family.id());   // logout
 * runtime.revocations().endSubject(subject);       // logout everywhere
 * }</pre>
 */
public final class Revocations {

  private final RefreshTokenStore store;
  private final AccessTokenDenyList denyList;
  private final JwtSettings settings;
  private final Clock clock;

  Revocations(RefreshTokenStore store, AccessTokenDenyList denyList, JwtSettings settings,
      Clock clock) {
    this.store = store;
    this.denyList = denyList;
    this.settings = settings;
    this.clock = clock;
  }

  /** Revokes the family and denies every access token issued in it. */
  public void endSession(String family) {
    store.revokeFamily(family);
    denySession(family);
  }

  /** Denies every access token of a family the store has already revoked (reuse detected). */
  public void denySession(String family) {
    denyList.denySession(family, sessionDenialEnd(clock.instant()));
  }

  /** Ends every session of {@code subject} and denies their access tokens. */
  public void endSubject(String subject) {
    for (String family : store.revokeSubject(subject)) {
      denySession(family);
    }
  }

  /** Denies one access token until verification would refuse it anyway. */
  public void denyToken(String jti, long expiresAtEpochSecond) {
    denyList.deny(jti, Instant.ofEpochSecond(expiresAtEpochSecond).plus(settings.clockSkew())
        .plusSeconds(1));
  }

  Instant sessionDenialEnd(Instant now) {
    Duration skew = settings.clockSkew();
    return now.plus(settings.maxTokenAge()).plus(skew).plus(skew).plusSeconds(1);
  }
}
