package dev.gatehouse.buildchecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown file (CommonMark fences of three or more backticks or
 * tildes, indented ones inside list items included), each with the HTML comment on the line
 * before it, if any. Enough Markdown for the README and docs/*.md, not a Markdown parser.
 */
final class DocBlocks {

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*).*$");
  private static final Pattern COMMENT = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");

  /**
   * One fenced block.
   *
   * @param line the 1-based line of its opening fence
   * @param language the info string's first word, empty when untagged
   * @param comment the text of an HTML comment on the line just before the fence, if any
   * @param text the lines between the fences, without the fence's own indentation
   */
  record Block(String doc, int line, String language, Optional<String> comment, String text) {

    String where() {
      return doc + ":" + line;
    }
  }

  private DocBlocks() {
  }

  static List<Block> read(Path file, String name) {
    try {
      return parse(name, Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Block> parse(String doc, List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        i++;
        continue;
      }
      int indent = open.group(1).length();
      String fence = open.group(2);
      Optional<String> comment = Optional.empty();
      if (i > 0) {
        Matcher c = COMMENT.matcher(lines.get(i - 1));
        if (c.matches()) {
          comment = Optional.of(c.group(1));
        }
      }
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !closes(lines.get(j), fence)) {
        String l = lines.get(j);
        int strip = 0;
        while (strip < indent && strip < l.length() && l.charAt(strip) == ' ') {
          strip++;
        }
        text.append(l.substring(strip)).append('\n');
        j++;
      }
      blocks.add(new Block(doc, i + 1, open.group(3), comment, text.toString()));
      i = j + 1;
    }
    return blocks;
  }

  private static boolean closes(String line, String fence) {
    String t = line.strip();
    return t.length() >= fence.length() && t.chars().allMatch(ch -> ch == fence.charAt(0));
  }

  /**
   * The text with its common leading indentation, trailing whitespace and surrounding blank lines
   * removed: how a block and a region of source are compared.
   */
  static String normalize(String text) {
    List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    int common = lines.stream().filter(l -> !l.isEmpty())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l.isEmpty() ? l : l.substring(common)).append('\n');
    }
    return b.toString();
  }
}
