package dev.gatehouse.jwt;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Where refresh-token state lives. Tokens are stored only as hashes; a <em>family</em> is one
 * login session — the chain of tokens each refresh rotates into. Gatehouse ships an in-memory and a
 * Redis implementation; both pass the same contract suite.
 *
 * <p>Implementations must make {@link #rotate} atomic: under any concurrency, a current token has
 * at most one successor, and a token that comes back after it was rotated revokes its family
 * unless the grace rule of {@link Rotation.Outcome#GRACE_REPLAY} applies.
 *
 * <p>Any method may throw {@link dev.gatehouse.core.StoreUnavailableException}; callers answer
 * 503 and never treat it as success.
 */
public interface RefreshTokenStore {

  /** A login session: who, with which roles, and until when at the latest. */
  record Family(String id, String subject, Set<String> roles, Instant createdAt,
      Instant expiresAt) {
    public Family {
      roles = Set.copyOf(roles);
    }
  }

  /** One token of a family, by hash, with its idle expiry. */
  record Token(String family, String hash, Instant expiresAt) {
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
      /** It had been rotated before: the whole family is now revoked. */
      REUSE_DETECTED,
      /** Unknown, expired, or its family revoked or past its absolute age. */
      INVALID
    }

    public static Rotation invalid() {
      return new Rotation(Outcome.INVALID, null, null);
    }
  }

  /** Stores a new family and its first token. */
  void startFamily(Family family, Token first);

  /**
   * Atomically consumes {@code presentedHash} of {@code family} and stores {@code successor}.
   *
   * @param sealedSuccessor the successor token sealed for a grace replay, or an empty array when
   *     there is no grace period
   * @param graceUntil until when a replay of the presented token returns the same successor
   */
  Rotation rotate(String family, String presentedHash, Token successor, byte[] sealedSuccessor,
      Instant now, Instant graceUntil);

  /** The family's subject if the family exists and is neither revoked nor expired. */
  Optional<Family> family(String family, Instant now);

  /** Revokes one session (every token of the family). */
  void revokeFamily(String family);

  /** Revokes every session of a subject: logout everywhere, password change. */
  void revokeSubject(String subject);
}
