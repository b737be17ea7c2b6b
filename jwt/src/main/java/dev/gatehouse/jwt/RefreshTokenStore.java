package dev.gatehouse.jwt;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Where refresh-token state lives. Tokens are stored only as hashes; a <em>family</em> is one
 * login session — the chain of tokens each refresh rotates into, numbered by <em>generation</em>
 * (0 for the login's token, one more per rotation; the generation is part of the token). Gatehouse
 * ships an in-memory and a Redis implementation; both pass the same contract suite,
 * {@code RefreshTokenStoreContract}, which this module's test jar publishes so that a store of
 * your own can run it too.
 *
 * <p>A store keeps a constant amount per family however often it is refreshed: the family, the
 * current generation with its token's hash and idle expiry, the previous token's hash, and — for
 * the grace period only — the sealed successor. {@link #rotate} decides by generation:
 * <ul>
 *   <li>the current generation with the current hash, not idle-expired: {@link
 *       Rotation.Outcome#ROTATED};
 *   <li>the previous generation with the previous hash, within the grace period:
 *       {@link Rotation.Outcome#GRACE_REPLAY};
 *   <li>any other older generation: {@link Rotation.Outcome#REUSE_DETECTED} — the family is
 *       revoked (the family part of a token is a 128-bit secret only its holders know, so only
 *       someone who held a token of this family can present one);
 *   <li>anything else — unknown or revoked family, past its absolute age, a hash that is not the
 *       current one, a generation not yet issued: {@link Rotation.Outcome#INVALID}.
 * </ul>
 *
 * <p>Implementations must make {@link #rotate} atomic: under any concurrency, a current token has
 * at most one successor. Any method may throw {@link dev.gatehouse.core.StoreUnavailableException};
 * callers answer 503 and never treat it as success.
 *
 * <pre>{@code
 * @Produces @ApplicationScoped
 * RefreshTokenStore store() { return new MyStore(...); }   // replaces Gatehouse's choice
 * }</pre>
 */
public interface RefreshTokenStore {

  /** A login session: who, with which roles, and until when at the latest. */
  record Family(String id, String subject, Set<String> roles, Instant createdAt,
      Instant expiresAt) {
    public Family {
      roles = Set.copyOf(roles);
    }
  }

  /** One token of a family: its generation, its hash and its idle expiry. */
  record Token(String family, long generation, String hash, Instant expiresAt) {
  }

  /** A token as presented for rotation: its family, generation and hash. */
  record Presented(String family, long generation, String hash) {

    /**
     * Whether {@code successor} may follow this token: the same family, the next generation.
     *
     * @throws IllegalArgumentException otherwise
     */
    public void requireSuccessor(Token successor) {
      if (!successor.family().equals(family) || successor.generation() != generation + 1) {
        throw new IllegalArgumentException("a successor is of the same family and the next"
            + " generation (" + (generation + 1) + "), not " + successor.generation());
      }
    }
  }

  /** The result of {@link #rotate}. */
  record Rotation(Outcome outcome, Family family, byte[] sealedSuccessor) {

    /** What happened to the presented token. */
    public enum Outcome {
      /** It was current and is now replaced by the successor. */
      ROTATED,
      /**
       * It was the immediate predecessor of the current token and came back within the grace
       * period: {@code sealedSuccessor} holds that current token, sealed under a key only the
       * presented token can derive.
       */
      GRACE_REPLAY,
      /** It is of an older generation: the whole family is now revoked. */
      REUSE_DETECTED,
      /** Unknown, expired, not the current hash, or its family revoked or past its absolute age. */
      INVALID
    }

    public static Rotation invalid() {
      return new Rotation(Outcome.INVALID, null, null);
    }
  }

  /** Stores a new family and its first token (generation 0). */
  void startFamily(Family family, Token first);

  /**
   * Atomically consumes {@code presented} and stores {@code successor}, its next generation.
   *
   * @param sealedSuccessor the successor token sealed for a grace replay, or an empty array when
   *     there is no grace period
   * @param graceUntil until when a replay of the presented token returns the same successor
   * @throws IllegalArgumentException when {@code successor} is not the next generation
   */
  Rotation rotate(Presented presented, Token successor, byte[] sealedSuccessor, Instant now,
      Instant graceUntil);

  /** The family if it exists and is neither revoked nor expired. */
  Optional<Family> family(String family, Instant now);

  /** Revokes one session (every token of the family). */
  void revokeFamily(String family);

  /**
   * Revokes every session of a subject: logout everywhere, password change, a deleted account.
   *
   * @return the ids of the families it revoked (or found revoked), so that their access tokens
   *     can be denied too
   */
  Set<String> revokeSubject(String subject);
}
