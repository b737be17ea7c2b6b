package dev.gatehouse.core.support;

import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.Sortable;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.IntStream;

/** A list endpoint over 250 generated items. */
@Path("/items")
@Produces(MediaType.APPLICATION_JSON)
public class PagedResource {

  private static final int TOTAL = 250;

  @GET
  public Page<String> list(@BeanParam PageRequest page,
      @QueryParam("sort") @DefaultValue("name,asc") @Sortable({"name", "createdAt"}) SortSpec sort) {
    List<String> items = IntStream.range(0, TOTAL)
        .skip(page.offset())
        .limit(page.size())
        .mapToObj(i -> "item-" + i + " by " + sort.orderBy("i"))
        .toList();
    return Page.of(items, page, TOTAL);
  }

  /** The same items as a plain JSON array, as an existing API returns them. */
  @GET
  @Path("/plain")
  public List<String> plain(@BeanParam PageRequest page) {
    return IntStream.range(0, TOTAL).skip(page.offset()).limit(page.size())
        .mapToObj(i -> "item-" + i).toList();
  }
}
