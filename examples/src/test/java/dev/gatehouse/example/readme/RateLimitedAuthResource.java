package dev.gatehouse.example.readme;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
// readme:ratelimit-login-imports
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.ratelimit.RateLimited;
import dev.gatehouse.ratelimit.RateLimits;   // @Inject RateLimits rateLimits;
// readme:end
import dev.gatehouse.jwt.IssuedTokens;
import dev.gatehouse.jwt.TokenIssuer;
import dev.gatehouse.passwords.PasswordHasher;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;

/** {@link AuthResource} with its logins rate-limited, as the README's "Rate limits" shows. */
@Path("/auth")
public class RateLimitedAuthResource {
  @Inject TokenIssuer tokens;
  @Inject PasswordHasher passwords;
  @Inject Users users;
  @Inject RateLimits rateLimits;

  // readme:ratelimit-login
  @POST @Path("/login") @PermitAll @RateLimited("login")
  public IssuedTokens login(@Valid LoginRequest r) {
    User u = users.findByEmail(r.email());                       // may be null
    RateLimits.Attempt attempt = rateLimits.attempt("login-failures", "login-account", r.email());
    if (!passwords.verify(u == null ? null : u.passwordHash(), r.password()) || u == null) {
      throw new ProblemException(Problem.of(401).detail("The email address or the password is wrong.")
          .event(SecurityEventType.AUTHENTICATION_FAILED, "bad_credentials").eventAccount(r.email()));
    }
    attempt.succeeded();   // not a failure; this address's earlier failures are forgiven
    return tokens.issue(u.id().toString(), u.roles(), Map.of());
  }
  // readme:end
}
