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
