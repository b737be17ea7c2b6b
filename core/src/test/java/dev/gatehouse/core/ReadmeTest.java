package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's table must name every property the code reads, with its environment variable. */
class ReadmeTest {

  private static final Pattern PROPERTY = Pattern.compile("\"(gatehouse\\.[a-z0-9.-]*[a-z0-9])\"");

  @Test
  void everyPropertyIsInTheReadmeTableWithItsEnvironmentVariable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Set<String> properties = new TreeSet<>();
    List<Path> sources;
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      sources = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
    }
    for (Path source : sources) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = PROPERTY.matcher(Files.readString(f));
          while (m.find()) {
            properties.add(m.group(1));
          }
        }
      }
    }
    SecurityHeaders.DEFAULTS.keySet().forEach(k -> properties.add(SecurityHeaders.PREFIX + k));
    assertThat(properties).hasSizeGreaterThan(40);
    for (String p : properties) {
      String env = p.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
      assertThat(readme).as(p).contains("| `" + p + "` | `" + env + "` |");
    }
  }
}
