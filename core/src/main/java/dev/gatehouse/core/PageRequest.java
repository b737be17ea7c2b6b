package dev.gatehouse.core;

import dev.gatehouse.core.internal.CoreRuntime;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * A page of a list endpoint, bound from {@code ?page=&size=} with {@code @BeanParam}. {@code page}
 * counts from 0 (at most {@value #MAX_PAGE}); {@code size} is from 1 to
 * {@code gatehouse.paging.max-size} (default 100) and defaults to
 * {@code gatehouse.paging.default-size} (20). Parsing is strict: digits only — {@code -1},
 * {@code 1e3}, {@code +5}, {@code 0x10}, values past the bounds and repeated parameters are a 400
 * naming the parameter, never silently clamped.
 *
 * <pre>{@code
 * @GET
 * public Page<NoteView> list(@BeanParam PageRequest page) {
 *   return Page.of(notes.list(owner, page.offset(), page.size()), page, notes.count(owner));
 * }
 * }</pre>
 */
public final class PageRequest {

  public static final String PAGE = "page";
  public static final String SIZE = "size";
  /** The highest page number accepted; deeper offsets are a database scan, not a use case. */
  public static final int MAX_PAGE = 1_000_000;

  // Raw text, parsed strictly here; every runtime binds plain @QueryParam fields of a bean
  // parameter (Quarkus REST accepts nothing else there). Repeated parameters are refused by
  // Gatehouse's filter before the method runs, with the whole query in view.
  @QueryParam(PAGE)
  private String pageParameter;

  @QueryParam(SIZE)
  private String sizeParameter;

  private int page = -1;
  private int size = -1;

  /** For the Jakarta REST runtime ({@code @BeanParam}); use {@link #of} in code. */
  public PageRequest() {
  }

  private PageRequest(int page, int size) {
    this.page = page;
    this.size = size;
  }

  /** A page built in code; the same bounds apply with the default maximum. */
  public static PageRequest of(int page, int size) {
    PagingSettings s = PagingSettings.ofDefaults();
    if (page < 0 || page > MAX_PAGE || size < 1 || size > s.maxSize()) {
      throw new IllegalArgumentException("page must be 0.." + MAX_PAGE + " and size 1.."
          + s.maxSize() + ", not " + page + "/" + size);
    }
    return new PageRequest(page, size);
  }

  public int page() {
    bind();
    return page;
  }

  public int size() {
    bind();
    return size;
  }

  /** The number of items before this page: {@code page * size}, as a long (never overflows). */
  public long offset() {
    return (long) page() * size();
  }

  private void bind() {
    if (page >= 0) {
      return;
    }
    PagingSettings settings = CoreRuntime.current().settings().paging();
    MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
    if (pageParameter != null) {
      query.putSingle(PAGE, pageParameter);
    }
    if (sizeParameter != null) {
      query.putSingle(SIZE, sizeParameter);
    }
    validate(query, settings);
    this.page = parse(query.get(PAGE), 0);
    this.size = parse(query.get(SIZE), settings.defaultSize());
  }

  /**
   * Checks {@code page} and {@code size} of a query; Gatehouse calls it before a paged method runs.
   *
   * @throws ProblemException 400 naming each bad parameter
   */
  public static void validate(MultivaluedMap<String, String> query, PagingSettings settings) {
    String pageError = check(query.get(PAGE), 0, MAX_PAGE);
    String sizeError = check(query.get(SIZE), 1, settings.maxSize());
    if (pageError == null && sizeError == null) {
      return;
    }
    List<Map<String, String>> errors = new java.util.ArrayList<>();
    if (pageError != null) {
      errors.add(Map.of("field", PAGE, "message", pageError));
    }
    if (sizeError != null) {
      errors.add(Map.of("field", SIZE, "message", sizeError));
    }
    throw new ProblemException(Problem.of(400).detail("The paging parameters are invalid.")
        .with("errors", errors).event(SecurityEventType.VALIDATION_FAILED, "paging"));
  }

  private static String check(List<String> values, int min, int max) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    String rule = "must be given once, as a whole number from " + min + " to " + max;
    if (values.size() > 1) {
      return rule;
    }
    String v = values.get(0);
    if (v.isEmpty() || v.length() > 9) {
      return rule;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return rule;
      }
    }
    int n = Integer.parseInt(v);
    return n < min || n > max ? rule : null;
  }

  private static int parse(List<String> values, int fallback) {
    return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(0));
  }

  @Override
  public String toString() {
    return "PageRequest[page=" + page() + ", size=" + size() + "]";
  }
}
