package dev.gatehouse.jwt.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.core.lint.LintExempt;
import dev.gatehouse.jwt.IssuedTokens;
import dev.gatehouse.jwt.RecheckRoles;
import dev.gatehouse.jwt.TokenIssuer;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Endpoints the jwt tests call. */
public final class TestResources {

  private TestResources() {
  }

  /** Test-only login: no password, the body names the subject and roles. */
  public record Login(@NotBlank @Size(max = 64) String subject,
      @Size(max = 10) Set<@Size(max = 32) String> roles) {
  }

  /** A refresh or logout body. */
  public record Refresh(@JsonProperty("refresh_token") @Size(max = 8192) String refreshToken) {
  }

  /** Token endpoints. */
  @Path("/auth")
  @RequestScoped
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Auth {
    @Inject
    TokenIssuer tokens;
    @Inject
    JsonWebToken jwt;

    @POST
    @Path("/login")
    @PermitAll
    public IssuedTokens login(Login login) {
      return tokens.issue(login.subject(), login.roles() == null ? Set.of() : login.roles(),
          Map.of());
    }

    @POST
    @Path("/refresh")
    @PermitAll
    public IssuedTokens refresh(Refresh body) {
      return tokens.refresh(body.refreshToken());
    }

    @POST
    @Path("/logout")
    @RolesAllowed("**")
    public void logout(Refresh body) {
      tokens.logout(jwt, body.refreshToken());
    }

    @POST
    @Path("/logout-all")
    @RolesAllowed("**")
    @Consumes(MediaType.WILDCARD)
    public void logoutAll() {
      tokens.revokeAll(jwt.getSubject());
    }
  }

  /** Who am I. */
  @Path("/me")
  @RequestScoped
  @RolesAllowed("**")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Me {
    @Inject
    JsonWebToken jwt;

    @GET
    public Map<String, Object> me(@Context SecurityContext sc) {
      return Map.of("sub", jwt.getSubject(), "name", sc.getUserPrincipal().getName(),
          "admin", sc.isUserInRole("admin"), "scheme", sc.getAuthenticationScheme());
    }
  }

  /** Role rules: class-level admin, overridden per method. */
  @Path("/admin")
  @RolesAllowed("admin")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Admin {
    @GET
    public Map<String, String> list() {
      return Map.of("who", "admins");
    }

    @GET
    @Path("/public")
    @PermitAll
    public Map<String, String> open() {
      return Map.of("who", "anyone");
    }

    @GET
    @Path("/auditors")
    @RolesAllowed({"auditor", "admin"})
    public Map<String, String> auditors() {
      return Map.of("who", "auditors");
    }

    @PUT
    @Path("/critical")
    @RecheckRoles
    public Map<String, String> critical() {
      return Map.of("done", "yes");
    }

    @DELETE
    @DenyAll
    public void nobody() {
    }
  }

  /**
   * Stands in for a documentation endpoint such as smallrye-open-api's: who may read it is decided
   * by core's docs gate, hence {@code @PermitAll} here (as in the example service).
   */
  @Path("/openapi")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  public static class Docs {
    @GET
    public Map<String, String> spec() {
      return Map.of("openapi", "3.1.0");
    }
  }

  /** No annotation at all: authenticated callers only. */
  @Path("/plain")
  @LintExempt(rule = "access", reason = "proves that an undeclared method needs authentication")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Plain {
    @GET
    public Map<String, String> get() {
      return Map.of("ok", "yes");
    }
  }
}
