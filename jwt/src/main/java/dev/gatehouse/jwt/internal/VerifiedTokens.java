package dev.gatehouse.jwt.internal;

import java.security.Key;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens whose signature, header, issuer and audience this verifier has already checked —
 * the checks whose outcome cannot change while the verifier lives. A client sends the same token
 * for many minutes, so a hit skips decoding and the signature; what can change is checked again on
 * every hit by {@link TokenVerifier}: the time (expiry, lifetime), the deny-list, and whether the
 * key that verified it is still in force (a JWKS URL can withdraw a key at once).
 *
 * <p>Keyed by the token's exact text, so a hit is the same token byte for byte (its base64url is
 * canonical, so there is one text per token); refused tokens are never kept. Bounded: when full,
 * expired entries go first, then half of the rest. It belongs to one verifier, so new settings or
 * keys (a new verifier) start empty.
 */
final class VerifiedTokens {

  /** Entries at most; each holds the token text and its parsed claims. */
  static final int MAX_ENTRIES = 8192;

  /** A kept token, the claims its checks read (read once), and the key that verified it. */
  record Entry(Verified verified, TokenVerifier.Claims claims, String kid, Key key) {
  }

  private final ConcurrentHashMap<String, Entry> tokens = new ConcurrentHashMap<>();
  private final int max;

  VerifiedTokens(int max) {
    this.max = max;
  }

  /** The token as verified before, or null. */
  Entry get(String token) {
    return tokens.get(token);
  }

  void put(String token, Entry verified, long nowEpochSecond, long skewSeconds) {
    if (tokens.size() >= max) {
      evict(nowEpochSecond, skewSeconds);
    }
    tokens.put(token, verified);
  }

  void remove(String token) {
    tokens.remove(token);
  }

  int size() {
    return tokens.size();
  }

  private void evict(long now, long skew) {
    tokens.values().removeIf(e -> e.claims().exp() + skew < now);
    int excess = tokens.size() - max / 2;
    for (Iterator<String> i = tokens.keySet().iterator(); excess > 0 && i.hasNext(); excess--) {
      i.next();
      i.remove();
    }
  }
}
