package dev.gatehouse.core;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A sort order bound from {@code ?sort=field} or {@code ?sort=field,asc|desc} against the allowlist
 * of a {@link Sortable} parameter. {@link #field()} is always the allowlist's own string, never
 * the caller's text, so building an {@code ORDER BY} from it cannot inject anything.
 *
 * <pre>{@code
 * String jpql = "select n from Note n where n.owner.id = :owner order by " + sort.orderBy("n");
 * }</pre>
 */
public final class SortSpec {

  /** Sort direction. */
  public enum Direction {
    ASC, DESC
  }

  private final String field;
  private final Direction direction;

  private SortSpec(String field, Direction direction) {
    this.field = field;
    this.direction = direction;
  }

  /**
   * Parses {@code text} against {@code allowed}.
   *
   * @throws ProblemException 400 naming the {@code sort} parameter and the allowed fields
   */
  public static SortSpec parse(String text, String[] allowed) {
    Objects.requireNonNull(allowed, "allowed");
    String value = text == null ? "" : text.trim();
    int comma = value.indexOf(',');
    String name = comma < 0 ? value : value.substring(0, comma).trim();
    String dir = comma < 0 ? "asc" : value.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
    Direction direction = switch (dir) {
      case "asc" -> Direction.ASC;
      case "desc" -> Direction.DESC;
      default -> null;
    };
    for (String candidate : allowed) {
      if (candidate.equals(name) && direction != null) {
        return new SortSpec(candidate, direction);
      }
    }
    throw new ProblemException(Problem.of(400).detail("The sort parameter is invalid.")
        .with("errors", java.util.List.of(Map.of("field", "sort", "message",
            "must be one of " + String.join(", ", allowed) + ", optionally followed by ,asc or ,desc")))
        .event(SecurityEventType.VALIDATION_FAILED, "sort"));
  }

  /** An allowlisted field name. */
  public String field() {
    return field;
  }

  public Direction direction() {
    return direction;
  }

  /** {@code alias.field ASC|DESC}, e.g. for JPQL: {@code n.createdAt DESC}. */
  public String orderBy(String alias) {
    return (alias == null || alias.isEmpty() ? "" : alias + ".") + field + " " + direction;
  }

  /**
   * {@code column ASC|DESC} with the field mapped to a column name by the application's own map,
   * for SQL whose columns differ from the API's field names.
   */
  public String orderBy(Map<String, String> columns) {
    String column = columns.get(field);
    if (column == null) {
      throw new IllegalStateException("no column mapped for sort field " + field);
    }
    return column + " " + direction;
  }

  @Override
  public String toString() {
    return field + "," + direction.name().toLowerCase(Locale.ROOT);
  }
}
