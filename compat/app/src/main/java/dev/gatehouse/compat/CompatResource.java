package dev.gatehouse.compat;

import dev.gatehouse.core.MaxBodySize;
import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.Sortable;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Owner;
import dev.gatehouse.ratelimit.RateLimited;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The whole API of the compatibility application. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CompatResource {

  /** The body of {@code POST /items}. */
  public record ItemCreate(@NotBlank @Size(max = 50) String name,
                           @Min(0) @Max(1000) int quantity) {
  }

  /** An item as the API shows it. */
  public record ItemView(long id, String name, int quantity) {
    static ItemView of(Items.Item i) {
      return new ItemView(i.id(), i.name(), i.quantity());
    }
  }

  @Inject
  Items items;
  @Inject
  JsonWebToken token;
  @Inject
  Instance<Owner> owner;

  @GET
  @Path("public")
  @PermitAll
  public Map<String, Object> open() {
    return Map.of("ok", true);
  }

  @GET
  @Path("admin")
  @RolesAllowed("admin")
  public Map<String, Object> admin() {
    return Map.of("admin", true);
  }

  /** Who the caller is, from the injected {@code JsonWebToken}. */
  @GET
  @Path("me")
  @RolesAllowed("**")
  public Map<String, Object> me() {
    return Map.of("subject", String.valueOf(token.getSubject()),
        "groups", token.getGroups() == null ? java.util.List.of() : token.getGroups());
  }

  /** The caller's items, a page at a time, sorted by an allowed field. */
  @GET
  @Path("items")
  @RolesAllowed("**")
  public Page<ItemView> items(@BeanParam PageRequest page,
      @QueryParam("sort") @DefaultValue("id,asc") @Sortable({"id", "name"}) SortSpec sort) {
    String me = owner.get().id();
    boolean ascending = sort.direction() == SortSpec.Direction.ASC;
    return Page.of(items.page(me, sort.field(), ascending, page.offset(), page.size())
        .stream().map(ItemView::of).toList(), page, items.count(me));
  }

  @GET
  @Path("items/{id}")
  @RolesAllowed("**")
  public ItemView item(@PathParam("id") @Owned Items.Item item) {
    return ItemView.of(item);
  }

  @POST
  @Path("items")
  @RolesAllowed("**")
  @RateLimited("compat")
  @MaxBodySize(2048)
  @Consumes(MediaType.APPLICATION_JSON)
  public ItemView create(ItemCreate body) {
    return ItemView.of(items.add(owner.get().id(), body.name(), body.quantity()));
  }
}
