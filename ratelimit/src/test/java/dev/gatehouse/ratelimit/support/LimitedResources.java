package dev.gatehouse.ratelimit.support;

import dev.gatehouse.ratelimit.RateLimited;
import dev.gatehouse.ratelimit.RateLimits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Endpoints the rate-limit tests hammer. */
public final class LimitedResources {

  private LimitedResources() {
  }

  /** A login body. */
  public record Login(@Size(max = 100) String email) {
  }

  /** Limited per client address, and per account in code. */
  @Path("/auth")
  @RequestScoped
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Auth {
    @Inject
    RateLimits rateLimits;

    @POST
    @Path("/login")
    @RateLimited("login")
    public Map<String, String> login(Login body) {
      return Map.of("ok", "yes");
    }

    @POST
    @Path("/account")
    public Map<String, String> account(Login body) {
      rateLimits.check("login-account", body.email());
      return Map.of("ok", "yes");
    }
  }

  /** A login body with a password. */
  public record Credentials(@Size(max = 100) String email, @Size(max = 100) String password) {
  }

  /** A password check whose failures are limited by {@link RateLimits#attempt}. */
  @Path("/guarded")
  @RequestScoped
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Guarded {
    public static final String PASSWORD = "the owner's password";
    /** A password this resource answers 503 to without testing it. */
    public static final String BUSY = "busy: not tested";

    @Inject
    RateLimits rateLimits;

    @POST
    @Path("/login")
    public Map<String, String> login(Credentials body) {
      RateLimits.Attempt attempt = rateLimits.attempt("guess-address", "guess-account",
          body.email());
      if (BUSY.equals(body.password())) { // as a saturated password hasher answers
        attempt.notTested();
        throw new dev.gatehouse.core.ProblemException(dev.gatehouse.core.Problem.of(503)
            .detail("busy"));
      }
      if (!PASSWORD.equals(body.password())) {
        throw new dev.gatehouse.core.ProblemException(dev.gatehouse.core.Problem.of(401)
            .detail("wrong").event(dev.gatehouse.core.SecurityEventType.AUTHENTICATION_FAILED,
                "bad_credentials").eventAccount(body.email()));
      }
      attempt.succeeded();
      return Map.of("ok", "yes");
    }
  }

  /** Limited per user. */
  @Path("/api")
  @Produces(MediaType.APPLICATION_JSON)
  @RateLimited("per-user")
  public static class Api {
    @GET
    public Map<String, String> get() {
      return Map.of("ok", "yes");
    }
  }

  /** Nothing but the default policy, when configured. */
  @Path("/open")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Open {
    @GET
    public Map<String, String> get() {
      return Map.of("ok", "yes");
    }
  }
}
