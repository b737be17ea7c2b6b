package dev.gatehouse.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The README's table of {@code gatehouse.*} properties, read for tests that pin each documented
 * default to the one the code falls back to — so a wrong default in the README fails the build of
 * the module that owns the property.
 *
 * <pre>{@code
 * ReadmeTable.read().assertDefaults("gatehouse.cors.", Map.of(
 *     CorsSettings.MAX_AGE, settings.maxAge(),          // `PT10M`
 *     CorsSettings.ORIGINS, Optional.empty(),           // none (no CORS)
 *     ...));
 * }</pre>
 */
public final class ReadmeTable {

  /** {@code | `property` | `ENV` | default | meaning |}. */
  private static final Pattern ROW = Pattern.compile(
      "(?m)^\\| `(gatehouse\\.[^`]+)` \\| `[^`]+` \\| (.*?) \\| .*\\|$");

  /** A default the README states in words, e.g. {@code required}. */
  public record Words(String text) {
  }

  private final Map<String, String> defaults;

  private ReadmeTable(Map<String, String> defaults) {
    this.defaults = defaults;
  }

  /** The README at the root of the repository (tests run in a module's folder). */
  public static ReadmeTable read() {
    try {
      Map<String, String> defaults = new LinkedHashMap<>();
      Matcher m = ROW.matcher(Files.readString(Path.of("..", "README.md")));
      while (m.find()) {
        defaults.put(m.group(1), m.group(2));
      }
      return new ReadmeTable(defaults);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A configuration holding only {@code keyValues} (name, value, name, value, …), to read the
   * defaults the code falls back to.
   */
  public static Config config(String... keyValues) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return new SmallRyeConfigBuilder().withDefaultValues(values).build();
  }

  /** The default column of {@code property}'s row, as written. */
  public String defaultOf(String property) {
    assertThat(defaults).as("README rows").containsKey(property);
    return defaults.get(property);
  }

  /** The properties of the table whose names start with {@code prefix}. */
  public Set<String> properties(String prefix) {
    Set<String> found = new TreeSet<>();
    defaults.keySet().stream().filter(p -> p.startsWith(prefix)).forEach(found::add);
    return found;
  }

  /**
   * Asserts that the table lists exactly {@code codeDefaults}' properties under each of
   * {@code prefixes}, each with the code's default: a {@link Duration}, number, boolean, string or
   * collection is compared with the value in backticks ({@code `P14D`}, {@code `100`},
   * {@code `GET, HEAD`}); {@link Optional#empty()} means the README says {@code none ...}; a
   * {@link Words} value is the README's words exactly.
   */
  public void assertDefaults(Collection<String> prefixes, Map<String, ?> codeDefaults) {
    Set<String> listed = new TreeSet<>();
    prefixes.forEach(p -> listed.addAll(properties(p)));
    assertThat(listed).as("README properties under %s with a default checked here", prefixes)
        .containsExactlyInAnyOrderElementsOf(codeDefaults.keySet());
    codeDefaults.forEach((property, code) -> assertDefault(property, defaults.get(property), code));
  }

  private static void assertDefault(String property, String cell, Object code) {
    String what = "README default of " + property;
    if (code instanceof Words w) {
      assertThat(cell).as(what).isEqualTo(w.text());
      return;
    }
    if (code instanceof Optional<?> o) {
      assertThat(o).as("the code's default of " + property + " (the README says none)").isEmpty();
      assertThat(cell).as(what).startsWith("none");
      return;
    }
    assertThat(cell).as(what + " is a value in backticks").startsWith("`");
    String value = cell.substring(1, cell.indexOf('`', 1));
    if (code instanceof Duration d) {
      assertThat(Duration.parse(value)).as(what).isEqualTo(d);
    } else if (code instanceof Number n) {
      assertThat(Long.parseLong(value)).as(what).isEqualTo(n.longValue());
    } else if (code instanceof Boolean b) {
      assertThat(value).as(what).isIn("true", "false");
      assertThat(Boolean.parseBoolean(value)).as(what).isEqualTo(b);
    } else if (code instanceof Collection<?> c) {
      assertThat(Arrays.stream(value.split(",")).map(String::trim).toList()).as(what)
          .containsExactlyElementsOf(c.stream().map(String::valueOf).toList());
    } else {
      assertThat(value).as(what).isEqualTo(String.valueOf(code));
    }
  }
}
