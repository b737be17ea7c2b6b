package dev.gatehouse.compat;

import dev.gatehouse.jwt.RequireScopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a service that trusts an identity provider offers: one endpoint per kind of rule the
 * provider's tokens meet — any caller with a valid token, a realm role ({@code writer}), a role of
 * this API's client ({@code admin}, Keycloak's {@code resource_access.notes-api.roles}), and a role
 * with an OAuth scope. The suite calls it with a real Keycloak's tokens on an instance started with
 * {@code GATEHOUSE_JWT_OIDC_ISSUER}; with Gatehouse's own tokens the same rules hold (roles from
 * {@code groups}, and no scope, so {@code /idp/notes} is 403).
 */
@Path("idp")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IdentityProviderResource {

  @Inject
  JsonWebToken token;

  /**
   * The caller's user name as the provider sends it ({@code preferred_username}, Keycloak's; a
   * client-credentials token has its service account's).
   */
  @GET
  @Path("me")
  @RolesAllowed("**")
  public Map<String, Object> me() {
    Object username = token.getClaim("preferred_username");
    return Map.of("username", String.valueOf(username));
  }

  @GET
  @Path("write")
  @RolesAllowed("writer")
  public Map<String, Object> write() {
    return Map.of("written", true);
  }

  @GET
  @Path("admin")
  @RolesAllowed("admin")
  public Map<String, Object> admin() {
    return Map.of("admin", true);
  }

  @GET
  @Path("notes")
  @RolesAllowed("reader")
  @RequireScopes("notes:read")
  public Map<String, Object> notes() {
    return Map.of("read", true);
  }
}
