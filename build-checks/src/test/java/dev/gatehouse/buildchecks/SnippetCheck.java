package dev.gatehouse.buildchecks;

import dev.gatehouse.buildchecks.DocBlocks.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every Java snippet of the documentation is compiled code (issue 24). A {@code ```java} block
 * follows a marker {@code <!-- snippet: PATH#NAME[,NAME…] [PATH#NAME…] -->} and equals those
 * regions, in that order and joined by one blank line, of source files the build compiles; a region is the lines between
 * {@code // readme:NAME} and {@code // readme:end}. Both sides are compared without their common
 * indentation and trailing blanks. Every region must be shown somewhere, a block that looks like
 * Java under another tag must say why it is not compiled ({@code <!-- not compiled: REASON -->}),
 * and every {@code dev.gatehouse} artifact named in {@code ```xml} blocks or as
 * {@code dev.gatehouse:ARTIFACT} must be one gatehouse-bom manages.
 */
final class SnippetCheck {

  static final String MARKER = "snippet:";
  static final String NOT_COMPILED = "not compiled:";
  private static final Pattern REGION_START = Pattern.compile("^\\s*// readme:([a-z0-9-]+)\\s*$");
  private static final Pattern REGION_END = Pattern.compile("^\\s*// readme:end\\s*$");
  private static final Pattern SOURCE = Pattern.compile("(.+)/src/(main|test)/java/.+\\.java");
  private static final Pattern LOOKS_LIKE_JAVA = Pattern.compile(
      "(?m)^\\s*(import\\s+(static\\s+)?[\\w.]+(\\.\\*)?;|package\\s+[\\w.]+;"
          + "|(public\\s+|final\\s+|abstract\\s+)*(class|record|interface|enum)\\s+\\w+[^;]*\\{"
          + "|(public|private|protected)\\s+[\\w<>\\[\\], ?]+\\s+\\w+\\s*\\([^;]*\\)\\s*(throws [\\w., ]+)?\\{)");

  private final Path root;
  private final Build build;
  private final Map<Path, Map<String, String>> regions = new LinkedHashMap<>();
  private final Set<String> shown = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  SnippetCheck(Path root) {
    this.root = root;
    this.build = Build.of(root);
  }

  /** The documents checked: README.md and every docs/*.md, as paths relative to the root. */
  static List<String> documents(Path root) {
    List<String> docs = new ArrayList<>(List.of("README.md"));
    Path dir = root.resolve("docs");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.map(f -> "docs/" + f.getFileName()).filter(f -> f.endsWith(".md")).sorted()
            .forEach(docs::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return docs;
  }

  /** The regions PATH#NAME the documents showed, once {@link #problems()} ran. */
  Set<String> shown() {
    return shown;
  }

  /** Every problem of the documents' snippets, each a message naming the place and the fix. */
  List<String> problems() {
    List<Block> blocks = new ArrayList<>();
    for (String doc : documents(root)) {
      blocks.addAll(DocBlocks.read(root.resolve(doc), doc));
      artifactsInProse(doc);
    }
    for (Block b : blocks) {
      boolean marked = b.comment().filter(c -> c.startsWith(MARKER)).isPresent();
      if (b.language().equals("java")) {
        javaBlock(b);
      } else if (marked) {
        problems.add(b.where() + ": a snippet marker before a ```" + b.language()
            + " block; only ```java blocks are compared with compiled source");
      } else if (LOOKS_LIKE_JAVA.matcher(b.text()).find()
          && b.comment().filter(c -> c.startsWith(NOT_COMPILED)).isEmpty()) {
        problems.add(b.where() + ": this ```" + b.language() + " block looks like Java; tag it"
            + " ```java with a snippet marker, or say why it is not compiled code in a"
            + " <!-- not compiled: REASON --> line before it");
      }
      if (b.language().equals("xml")) {
        xmlBlock(b);
      }
    }
    unshownRegions();
    return problems;
  }

  private void javaBlock(Block b) {
    String marker = b.comment().filter(c -> c.startsWith(MARKER)).orElse(null);
    if (marker == null) {
      problems.add(b.where() + ": a ```java block without a <!-- snippet: PATH#NAME --> line"
          + " before it. Put the code in a source the build compiles (a readme package of the"
          + " module's tests, e.g. core/src/test/java/dev/gatehouse/core/readme/), between"
          + " // readme:NAME and // readme:end, and name it there; or, if it is deliberately not"
          + " compilable Java, tag the block with another language and give the reason in a"
          + " <!-- not compiled: REASON --> line");
      return;
    }
    List<String> parts = new ArrayList<>();
    for (String ref : marker.substring(MARKER.length()).trim().split("\\s+")) {
      int hash = ref.indexOf('#');
      if (hash < 0) {
        problems.add(b.where() + ": \"" + ref + "\" names no region; write PATH#NAME");
        return;
      }
      for (String name : ref.substring(hash + 1).split(",")) {
        String region = region(b, ref.substring(0, hash), name);
        if (region == null) {
          return;
        }
        parts.add(DocBlocks.normalize(region));
      }
    }
    String expected = String.join("\n", parts);
    String actual = DocBlocks.normalize(b.text());
    if (!expected.equals(actual)) {
      problems.add(b.where() + ": the block is not the code of " + marker.substring(
          MARKER.length()).trim() + firstDifference(actual, expected)
          + "\nChange the source (it is compiled), then copy its region into the block.");
    }
  }

  /** The text of region PATH#NAME, or null after recording why there is none. */
  private String region(Block b, String path, String name) {
    Matcher source = SOURCE.matcher(path);
    if (!source.matches() || !build.modules().containsKey(source.group(1))) {
      problems.add(b.where() + ": " + path + " is not compiled by the build; a snippet's source"
          + " lives in MODULE/src/main/java or MODULE/src/test/java of a module the root pom"
          + " builds (" + String.join(", ", build.modules().keySet()) + ")");
      return null;
    }
    Path file = root.resolve(path);
    if (!Files.isRegularFile(file)) {
      problems.add(b.where() + ": " + path + " does not exist");
      return null;
    }
    String text = regionsOf(file).get(name);
    if (text == null) {
      problems.add(b.where() + ": " + path + " has no region " + name + " (// readme:" + name
          + " … // readme:end)");
      return null;
    }
    shown.add(path + "#" + name);
    return text;
  }

  private Map<String, String> regionsOf(Path file) {
    return regions.computeIfAbsent(file, f -> {
      Map<String, String> found = new LinkedHashMap<>();
      List<String> lines;
      try {
        lines = Files.readAllLines(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String open = null;
      StringBuilder text = new StringBuilder();
      String where = root.relativize(f).toString().replace('\\', '/');
      for (int i = 0; i < lines.size(); i++) {
        Matcher start = REGION_START.matcher(lines.get(i));
        if (REGION_END.matcher(lines.get(i)).matches()) {
          if (open == null) {
            problems.add(where + ":" + (i + 1) + ": // readme:end without a region open");
          } else {
            found.put(open, text.toString());
            open = null;
          }
        } else if (start.matches()) {
          if (open != null) {
            problems.add(where + ":" + (i + 1) + ": region " + start.group(1)
                + " starts inside region " + open + "; regions do not nest");
          } else if (found.containsKey(start.group(1))) {
            problems.add(where + ":" + (i + 1) + ": a second region " + start.group(1));
          }
          open = start.group(1);
          text.setLength(0);
        } else if (open != null) {
          text.append(lines.get(i)).append('\n');
        }
      }
      if (open != null) {
        problems.add(where + ": region " + open + " has no // readme:end");
      }
      return found;
    });
  }

  /** A region no document shows is a snippet that went stale unseen. */
  private void unshownRegions() {
    for (String module : build.modules().keySet()) {
      for (String set : List.of("main", "test")) {
        Path dir = root.resolve(module).resolve("src").resolve(set).resolve("java");
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String path = root.relativize(f).toString().replace('\\', '/');
            for (String name : regionsOf(f).keySet()) {
              if (!shown.contains(path + "#" + name)) {
                problems.add(path + ": region " + name + " is shown in no document; name it in a"
                    + " <!-- snippet: " + path + "#" + name + " --> marker, or remove the region");
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void xmlBlock(Block b) {
    for (Build.Dependency d : Build.dependencies(b.text())) {
      if (d.groupId().equals("dev.gatehouse")) {
        String problem = build.dependencyProblem(d);
        if (problem != null) {
          problems.add(b.where() + ": " + problem);
        }
      }
    }
  }

  private void artifactsInProse(String doc) {
    Matcher m = Pattern.compile("dev\\.gatehouse:([a-z0-9-]+)").matcher(read(root.resolve(doc)));
    while (m.find()) {
      if (!build.managed().contains(m.group(1))) {
        problems.add(doc + ": names dev.gatehouse:" + m.group(1) + ", which gatehouse-bom does"
            + " not manage (bom/pom.xml manages " + String.join(", ", build.managed()) + ")");
      }
    }
  }

  private static String firstDifference(String actual, String expected) {
    List<String> a = actual.lines().toList();
    List<String> e = expected.lines().toList();
    int i = 0;
    while (i < a.size() && i < e.size() && a.get(i).equals(e.get(i))) {
      i++;
    }
    return " at its line " + (i + 1) + ":\n  block:  " + (i < a.size() ? a.get(i) : "(ends)")
        + "\n  source: " + (i < e.size() ? e.get(i) : "(ends)");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
