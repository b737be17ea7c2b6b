package dev.gatehouse.passwords.support;

import dev.gatehouse.passwords.PasswordHasher;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Endpoints the passwords tests call. */
public final class PasswordResources {

  private PasswordResources() {
  }

  /** A password check, as a login does one: an Argon2id hash per call. */
  @Path("/password-check")
  @RequestScoped
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class PasswordCheck {
    @Inject
    PasswordHasher hasher;

    /** The body of a check. */
    public record Attempt(@NotBlank @Size(max = 128) String password) {
    }

    @POST
    @PermitAll
    public Map<String, Boolean> check(Attempt attempt) {
      return Map.of("match", hasher.verify(null, attempt.password()));
    }
  }

  /** An endpoint that hashes nothing: the limits are checked at start-up all the same. */
  @Path("/plain")
  public static class Plain {
    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public String get() {
      return "plain";
    }
  }
}
