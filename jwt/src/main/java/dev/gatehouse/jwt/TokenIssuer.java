package dev.gatehouse.jwt;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.jwt.internal.JwtRuntime;
import dev.gatehouse.jwt.internal.KeySet;
import dev.gatehouse.jwt.internal.RefreshTokens;
import dev.gatehouse.jwt.internal.Revocations;
import dev.gatehouse.jwt.internal.SessionClaim;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Key;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Issues, refreshes and revokes tokens. A login gets a short-lived signed access token (JWT with
 * {@code iss}, {@code aud}, {@code sub}, {@code groups}, {@code iat}, {@code exp}, a random
 * {@code jti}, the session id {@code sid}, and the signing key's {@code kid}) and an opaque refresh
 * token that starts a new session (family). Each refresh rotates the refresh token; presenting a
 * rotated one again revokes the whole session and fires {@code REFRESH_TOKEN_REUSE}.
 *
 * <p>Revocation is per session: logout, reuse detection, {@link #revokeAll} and a subject that
 * its {@link RoleSource} reports gone revoke the session's refresh tokens and deny every access
 * token issued in it — the one presented, those from before the last refresh, and any an attacker
 * obtained with a stolen refresh token.
 *
 * <pre>{@code
 * @Inject TokenIssuer tokens;
 *
 * @POST @Path("/login") @PermitAll
 * public IssuedTokens login(LoginRequest r) {
 *   User u = users.authenticate(r.email(), r.password());      // your check
 *   return tokens.issue(u.id().toString(), u.roles(), Map.of());
 * }
 *
 * @POST @Path("/refresh") @PermitAll
 * public IssuedTokens refresh(RefreshRequest r) { return tokens.refresh(r.refreshToken()); }
 * }</pre>
 *
 * <p>Failures are {@link ProblemException}s: 401 for any refresh token that is not current (the
 * same body whatever the cause); a {@link dev.gatehouse.core.StoreUnavailableException} becomes
 * 503.
 */
@ApplicationScoped
public class TokenIssuer {

  private static final Set<String> RESERVED = Set.of("iss", "aud", "sub", "exp", "iat", "nbf",
      "jti", "groups", "upn", "preferred_username", SessionClaim.NAME);

  private final SecureRandom random = new SecureRandom();

  @Inject
  JwtRuntime runtime;

  /**
   * Starts a session for {@code subject}. With a {@link RoleSource}, the subject is asked for once
   * more after the session is filed, so that an account deleted while its login ran (on another
   * instance, say) keeps no session: 401, as for a wrong password.
   *
   * @param extraClaims additional claims; the registered ones and {@code groups} are refused
   * @throws ProblemException 401 when the {@link RoleSource} reports the subject gone
   */
  public IssuedTokens issue(String subject, Set<String> roles, Map<String, Object> extraClaims) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject is required");
    }
    for (String name : extraClaims.keySet()) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("claim " + name + " is set by Gatehouse");
      }
    }
    Instant now = runtime.clock().instant();
    JwtSettings s = runtime.settings();
    RefreshTokens.Parsed refresh = runtime.refreshTokens().newFamily();
    String access = accessToken(subject, roles, extraClaims, refresh.family(), now);
    runtime.store().startFamily(
        new RefreshTokenStore.Family(refresh.family(), subject, roles, now,
            now.plus(s.refreshFamilyMaxAge())),
        new RefreshTokenStore.Token(refresh.family(), refresh.generation(), refresh.hash(),
            min(now.plus(s.refreshTokenTtl()), now.plus(s.refreshFamilyMaxAge()))));
    stillThere(subject, refresh.family());
    return new IssuedTokens(access, refresh.token(), s.accessTokenTtl().toSeconds());
  }

  /**
   * Ends the session just filed when the {@link RoleSource} reports its subject gone. The
   * application checked the account before {@link #issue}, but it may be deleted since — on
   * another instance, whose {@link #revokeAll} read the subject's sessions before this one was
   * filed, so nothing else would end it. Asked after filing: a deletion committed before this
   * question is seen here, and one committed after it ends a set of sessions that already holds
   * this one.
   */
  private void stillThere(String subject, String family) {
    Optional<RoleSource> source = runtime.roleSource();
    if (source.isEmpty()) {
      return;
    }
    try {
      source.get().currentRoles(subject);
    } catch (SubjectGoneException gone) {
      runtime.revocations().endSession(family);
      throw unauthorized("subject_gone", subject);
    }
  }

  /**
   * Rotates {@code refreshToken} into a new one and mints a new access token (roles from the
   * application's {@link RoleSource} when there is one, else those of the login).
   *
   * <p>Everything that can fail — reading the session, asking the {@link RoleSource}, signing —
   * happens before the rotation commits, so a 503 leaves the presented token current and the
   * client's retry with it succeeds instead of looking like reuse. An access token signed for a
   * rotation that then does not happen (the token was stale or revoked meanwhile) never leaves the
   * server.
   *
   * @throws ProblemException 401 unless the token is current (or a replay within the grace period)
   */
  public IssuedTokens refresh(String refreshToken) {
    RefreshTokens.Parsed presented = runtime.refreshTokens().parse(refreshToken)
        .orElseThrow(() -> unauthorized("refresh_malformed"));
    JwtSettings s = runtime.settings();
    Instant now = runtime.clock().instant();
    RefreshTokenStore.Family family = runtime.store().family(presented.family(), now)
        .orElseThrow(() -> unauthorized("refresh_invalid"));
    Set<String> roles = currentRoles(family);
    String access = accessToken(family.subject(), roles, Map.of(), family.id(), now);

    RefreshTokens.Parsed successor = runtime.refreshTokens().successor(presented);
    boolean grace = !s.reuseGrace().isZero();
    byte[] sealed = grace ? runtime.refreshTokens().seal(successor, presented) : new byte[0];
    RefreshTokenStore.Rotation rotation = runtime.store().rotate(
        new RefreshTokenStore.Presented(presented.family(), presented.generation(),
            presented.hash()),
        new RefreshTokenStore.Token(successor.family(), successor.generation(), successor.hash(),
            now.plus(s.refreshTokenTtl())), sealed, now, now.plus(s.reuseGrace()));
    RefreshTokens.Parsed next = switch (rotation.outcome()) {
      case ROTATED -> successor;
      case GRACE_REPLAY -> runtime.refreshTokens().unseal(rotation.sealedSuccessor(), presented)
          .orElseThrow(() -> unauthorized("refresh_grace_unsealable", family.subject()));
      case REUSE_DETECTED -> {
        // the store revoked the family; the access tokens of both holders go with it
        runtime.revocations().denySession(family.id());
        throw new ProblemException(
            Problem.unauthorized("family_revoked")
                .event(SecurityEventType.REFRESH_TOKEN_REUSE, "family_revoked").eventSubject(family.subject()));
      }
      case INVALID -> throw unauthorized("refresh_invalid", family.subject());
    };
    return new IssuedTokens(access, next.token(), s.accessTokenTtl().toSeconds());
  }

  /**
   * Logout: ends the session {@code accessToken} was issued in — its refresh tokens and every
   * access token of it — and the session of {@code refreshToken} when it is given, valid and of the
   * same subject (a client that mixed up its tokens still logs out; someone else's session is left
   * alone).
   */
  public void logout(JsonWebToken accessToken, String refreshToken) {
    if (accessToken == null) {
      return;
    }
    Revocations revocations = runtime.revocations();
    String session = SessionClaim.of(accessToken);
    if (session != null) {
      revocations.endSession(session);
    }
    Optional<RefreshTokens.Parsed> parsed = runtime.refreshTokens().parse(refreshToken);
    if (parsed.isPresent() && !parsed.get().family().equals(session)) {
      Optional<RefreshTokenStore.Family> family = runtime.store()
          .family(parsed.get().family(), runtime.clock().instant());
      if (family.isPresent() && family.get().subject().equals(accessToken.getSubject())) {
        revocations.endSession(parsed.get().family());
      }
    }
    if (accessToken.getTokenID() != null) {
      revocations.denyToken(accessToken.getTokenID(), accessToken.getExpirationTime());
    }
  }

  /**
   * Ends every session of {@code subject} and denies the access tokens issued in them (logout
   * everywhere, password change, a deleted account).
   */
  public void revokeAll(String subject) {
    runtime.revocations().endSubject(subject);
  }

  /** The roles to mint with; a subject gone ends all its sessions here. */
  private Set<String> currentRoles(RefreshTokenStore.Family family) {
    Optional<RoleSource> source = runtime.roleSource();
    if (source.isEmpty()) {
      return family.roles();
    }
    try {
      return source.get().currentRoles(family.subject());
    } catch (SubjectGoneException gone) {
      revokeAll(family.subject());
      throw unauthorized("subject_gone", family.subject());
    }
  }

  private String accessToken(String subject, Set<String> roles, Map<String, Object> extra,
      String session, Instant now) {
    JwtSettings s = runtime.settings();
    KeySet keys = runtime.keys().signing();
    Key key = keys.signingKey().orElseThrow(() -> new IllegalStateException(
        "this service verifies tokens but cannot issue them: set gatehouse.jwt.sign-key"));
    byte[] jti = new byte[18];
    random.nextBytes(jti);
    JwtClaimsBuilder claims = Jwt.claims()
        .issuer(s.issuer())
        .audience(s.audience())
        .subject(subject)
        .groups(Set.copyOf(roles))
        .issuedAt(now)
        .expiresAt(now.plus(s.accessTokenTtl()))
        .claim("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(jti))
        .claim(SessionClaim.NAME, session);
    extra.forEach(claims::claim);
    JwtSignatureBuilder jws = claims.jws().keyId(keys.signingKeyId().orElseThrow())
        .algorithm(s.algorithm()).type("JWT");
    return key instanceof SecretKey secret ? jws.sign(secret) : jws.sign((PrivateKey) key);
  }

  private static ProblemException unauthorized(String reason) {
    return unauthorized(reason, null);
  }

  /** The generic 401; the event names {@code subject}, the session's owner, when known. */
  private static ProblemException unauthorized(String reason, String subject) {
    return new ProblemException(Problem.unauthorized(reason).eventSubject(subject));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
