package dev.gatehouse.example.api;

import dev.gatehouse.core.ClearSiteData;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.lint.ResponseType;
import dev.gatehouse.example.api.Dtos.LoginRequest;
import dev.gatehouse.example.api.Dtos.RefreshRequest;
import dev.gatehouse.example.api.Dtos.RegisterRequest;
import dev.gatehouse.example.api.Dtos.UserView;
import dev.gatehouse.example.data.User;
import dev.gatehouse.example.data.Users;
import dev.gatehouse.jwt.IssuedTokens;
import dev.gatehouse.jwt.TokenIssuer;
import dev.gatehouse.passwords.PasswordHasher;
import dev.gatehouse.ratelimit.RateLimited;
import dev.gatehouse.ratelimit.RateLimits;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Register, log in, refresh and log out. */
@Path("/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

  @Inject
  Users users;
  @Inject
  PasswordHasher passwords;
  @Inject
  TokenIssuer tokens;
  @Inject
  RateLimits rateLimits;
  @Inject
  JsonWebToken jwt;

  @POST
  @Path("/register")
  @PermitAll
  @RateLimited("register")
  @ResponseType(UserView.class)
  public Response register(@Valid RegisterRequest request) {
    String hash = passwords.hash(request.password());
    User created = users.create(request.email(), request.displayName().trim(), hash,
        Set.of("user")).orElseThrow(() -> new ProblemException(Problem.of(409)
            .detail("This email address is already registered.")));
    return Response.created(URI.create("/me")).entity(UserView.of(created)).build();
  }

  /**
   * The same 401 body, and the same Argon2 work, for an unknown email and a wrong password.
   * Every attempt counts against the client address ({@code @RateLimited("login")}); failures
   * count against the account from this address ({@code login-failures}, forgiven by a success)
   * and against the account from anywhere ({@code login-account}, a slower ceiling), so someone
   * guessing at an account from elsewhere does not lock its owner out. The account is looked up
   * before the attempt is counted, so a database outage (503) counts as no failure; nor does a
   * saturated password hasher (503), whose attempt is given back.
   */
  @POST
  @Path("/login")
  @PermitAll
  @RateLimited("login")
  public IssuedTokens login(@Valid LoginRequest request) {
    String account = request.email();
    // looked up before the attempt is counted: a database that cannot answer (503) tested no
    // password, and counted as a failure it would lock the owner out once it is back
    Optional<User> user = users.byEmail(account);
    RateLimits.Attempt attempt = rateLimits.attempt("login-failures", "login-account", account);
    boolean ok;
    try {
      ok = passwords.verify(user.map(u -> u.passwordHash).orElse(null), request.password());
    } catch (RuntimeException untested) {
      // a saturated hasher (503) tested no password: counted, an overload would lock owners out
      attempt.notTested();
      throw untested;
    }
    if (!ok || user.isEmpty()) {
      throw new ProblemException(Problem.of(401)
          .detail("The email address or the password is wrong.")
          .event(SecurityEventType.AUTHENTICATION_FAILED, "bad_credentials")
          .eventAccount(account));
    }
    attempt.succeeded();
    User u = user.get();
    if (passwords.needsRehash(u.passwordHash)) {
      users.updatePasswordHash(u.id, passwords.hash(request.password()));
    }
    return tokens.issue(String.valueOf(u.id), u.roles, Map.of());
  }

  @POST
  @Path("/refresh")
  @PermitAll
  @RateLimited("refresh")
  public IssuedTokens refresh(@Valid RefreshRequest request) {
    return tokens.refresh(request.refreshToken());
  }

  @POST
  @Path("/logout")
  @RolesAllowed("**")
  @ClearSiteData
  public void logout(@Valid RefreshRequest request) {
    tokens.logout(jwt, request.refreshToken());
  }
}
