package dev.gatehouse.example.api;

import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.example.api.Dtos.AdminUserView;
import dev.gatehouse.example.api.Dtos.RolesUpdate;
import dev.gatehouse.example.data.Users;
import dev.gatehouse.jwt.RecheckRoles;
import dev.gatehouse.ownership.Unowned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;

/** User administration: the token's admin role, re-checked against the database every call. */
@Path("/admin/users")
@RequestScoped
@RolesAllowed("admin")
@RecheckRoles
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

  static final Set<String> KNOWN_ROLES = Set.of("user", "admin");

  @Inject
  Users users;

  @GET
  public Page<AdminUserView> list(@BeanParam PageRequest page) {
    return Page.of(users.page(page.offset(), page.size()).stream().map(AdminUserView::of)
        .toList(), page, users.count());
  }

  @PUT
  @Path("/{id}/roles")
  public AdminUserView setRoles(
      @PathParam("id") @Unowned("administrators manage every account") long id,
      @Valid RolesUpdate body) {
    if (!KNOWN_ROLES.containsAll(body.roles())) {
      throw new ProblemException(Problem.of(400).detail("The request is invalid.")
          .with("errors", java.util.List.of(Map.of("field", "roles",
              "message", "must only contain " + String.join(", ", new java.util.TreeSet<>(KNOWN_ROLES))))));
    }
    return users.setRoles(id, body.roles()).map(AdminUserView::of)
        .orElseThrow(() -> new ProblemException(Problem.notFound()));
  }
}
