package dev.gatehouse.core.internal;

import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a client of a paged endpoint where the neighbouring pages are, in RFC 8288 {@code Link}
 * headers ({@code first}, {@code prev}, {@code next}, and {@code last} when the total is known),
 * plus {@code X-Total-Count} when it is. It works for a method that returns a plain {@code List}
 * with a {@code @BeanParam PageRequest} — the way to page an existing API without changing its
 * JSON — as for a {@link Page}. Without a total, {@code next} is offered while a page comes back
 * full. The links are relative references (path and query of the request, {@code page}
 * replaced): built from the request's own URI, never from its {@code Host} header, and left out
 * when the query holds anything that could not stand between {@code <} and {@code >}.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR + 10)
public final class PageLinksFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() != 200) {
      return;
    }
    EndpointPlan plan = EndpointFilter.planOf(request);
    if (plan == null || !plan.paged()) {
      return;
    }
    Object entity = response.getEntity();
    int page;
    int size;
    int count;
    long total;
    if (entity instanceof Page<?> p) {
      page = p.page();
      size = p.size();
      count = p.items().size();
      total = p.total();
    } else if (entity instanceof List<?> list) {
      MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
      // already validated by the guard filter before the method ran
      page = number(query.getFirst(PageRequest.PAGE), 0);
      size = number(query.getFirst(PageRequest.SIZE),
          CoreRuntime.current().settings().paging().defaultSize());
      count = list.size();
      total = -1;
    } else {
      return;
    }
    URI uri = request.getUriInfo().getRequestUri();
    List<String> links = new ArrayList<>();
    boolean more = total >= 0 ? (long) (page + 1) * size < total : count >= size;
    link(links, uri, 0, size, "first");
    if (page > 0) {
      link(links, uri, page - 1, size, "prev");
    }
    if (more && page < PageRequest.MAX_PAGE) {
      link(links, uri, page + 1, size, "next");
    }
    if (total >= 0) {
      long last = Math.min(PageRequest.MAX_PAGE, Math.max(0, (total - 1) / size));
      link(links, uri, (int) last, size, "last");
      response.getHeaders().putSingle("X-Total-Count", Long.toString(total));
    }
    if (links.size() > 1 || total >= 0) {
      response.getHeaders().putSingle("Link", String.join(", ", links));
    }
  }

  private static void link(List<String> links, URI uri, int page, int size, String rel) {
    StringBuilder target = new StringBuilder(uri.getRawPath()).append('?');
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String name = pair.split("=", 2)[0];
        if (!pair.isEmpty() && !name.equals(PageRequest.PAGE) && !name.equals(PageRequest.SIZE)) {
          target.append(pair).append('&');
        }
      }
    }
    target.append(PageRequest.PAGE).append('=').append(page).append('&')
        .append(PageRequest.SIZE).append('=').append(size);
    if (safe(target)) {
      links.add("<" + target + ">; rel=\"" + rel + "\"");
    }
  }

  /** Only the characters RFC 3986 allows in a path and query, so the header stays one value. */
  private static boolean safe(CharSequence reference) {
    for (int i = 0; i < reference.length(); i++) {
      char c = reference.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "-._~:/?@!$&'()*+,;=%".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int number(String text, int otherwise) {
    return text == null || text.isEmpty() ? otherwise : Integer.parseInt(text);
  }
}
