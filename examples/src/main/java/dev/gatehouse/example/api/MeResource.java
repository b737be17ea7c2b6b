package dev.gatehouse.example.api;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.example.api.Dtos.MeView;
import dev.gatehouse.example.data.Users;
import dev.gatehouse.jwt.TokenIssuer;
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's own account. */
@Path("/me")
@RequestScoped
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Inject
  Owner owner;
  @Inject
  Users users;
  @Inject
  TokenIssuer tokens;

  @GET
  public MeView me() {
    return users.byId(Long.parseLong(owner.id())).map(MeView::of)
        .orElseThrow(() -> new ProblemException(Problem.notFound()));
  }

  /**
   * Deletes the account and its notes, then ends every session of it (refresh tokens and access
   * tokens alike). The account goes first: if ending the sessions fails (503), the same request
   * can be repeated with the same token and finishes the job.
   */
  @DELETE
  public void delete() {
    users.delete(Long.parseLong(owner.id()));
    tokens.revokeAll(owner.id());
  }
}
