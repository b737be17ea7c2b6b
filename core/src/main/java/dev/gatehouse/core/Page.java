package dev.gatehouse.core;

import java.util.List;
import java.util.Objects;

/**
 * One page of results, serialised as {@code {items, page, size, total}}.
 *
 * <pre>{@code
 * return Page.of(views, pageRequest, total);
 * }</pre>
 *
 * @param items the items of this page, at most {@code size}
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total the number of items on all pages
 * @param <T> the item type: a response DTO, never a persistence entity
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (page < 0 || size < 1 || total < 0 || items.size() > size) {
      throw new IllegalArgumentException("inconsistent page: " + items.size() + " items, page "
          + page + ", size " + size + ", total " + total);
    }
  }

  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    return new Page<>(items, request.page(), request.size(), total);
  }
}
