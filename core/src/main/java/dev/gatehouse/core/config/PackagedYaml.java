package dev.gatehouse.core.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the keys of a YAML configuration file ({@code application.yaml}, as Quarkus's
 * {@code quarkus-config-yaml} and SmallRye Config's YAML source read it) flattened the way those
 * read them: nested keys joined with dots, so {@code gatehouse: jwt: secret: x} and
 * {@code "%prod": gatehouse: jwt: secret: x} give {@code gatehouse.jwt.secret} and
 * {@code %prod.gatehouse.jwt.secret}.
 *
 * <p>Our own reader of the subset that holds keys, not a YAML library: the library that reads such
 * files (SnakeYAML, under SmallRye's YAML source) is on the class path only of applications that
 * installed the YAML extension, and Gatehouse must find a packaged secret in every application
 * that packages the file — a library dependency of its own would go into every WAR for one
 * start-up check. It understands block mappings at any indentation, plain, single- and
 * double-quoted keys and values, block scalars ({@code |}, {@code >}, as a PEM key is written),
 * comments and document markers; the contents of sequences hold no {@code gatehouse.*} settings
 * and are skipped. Flow mappings ({@code {a: b}}) are read as one value of their key.
 */
final class PackagedYaml {

  private record Level(int indent, String key) {
  }

  private PackagedYaml() {
  }

  /** Every scalar of the document under its flattened key, in the order found. */
  static Map<String, String> read(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] lines = text.replace("\t", " ").split("\r\n|\r|\n", -1);
    Deque<Level> path = new ArrayDeque<>();
    int skipDeeperThan = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String content = line.strip();
      int indent = line.length() - line.stripLeading().length();
      if (content.isEmpty() || content.startsWith("#") || content.startsWith("%YAML")
          || content.startsWith("%TAG")) {
        continue;
      }
      if (skipDeeperThan >= 0) {
        if (indent > skipDeeperThan) {
          continue;
        }
        skipDeeperThan = -1;
      }
      if (content.equals("---") || content.equals("...") || content.startsWith("--- ")) {
        path.clear();
        continue;
      }
      if (content.equals("-") || content.startsWith("- ")) {
        skipDeeperThan = indent; // a sequence item and everything nested in it
        continue;
      }
      int colon = keyEnd(content);
      if (colon < 0) {
        continue; // the continuation of a multi-line plain value
      }
      String key = unquote(content.substring(0, colon).strip());
      String rest = withoutComment(content.substring(colon + 1)).strip();
      while (!path.isEmpty() && path.peek().indent() >= indent) {
        path.pop();
      }
      String flat = flatten(path, key);
      if (rest.isEmpty()) {
        path.push(new Level(indent, key));
      } else if (rest.startsWith("|") || rest.startsWith(">")) {
        List<String> block = new ArrayList<>();
        int blockIndent = -1;
        while (i + 1 < lines.length) {
          String next = lines[i + 1];
          int nextIndent = next.length() - next.stripLeading().length();
          if (!next.isBlank() && nextIndent <= indent) {
            break;
          }
          i++;
          if (blockIndent < 0 && !next.isBlank()) {
            blockIndent = nextIndent;
          }
          block.add(next.isBlank() ? "" : next.substring(Math.min(blockIndent, nextIndent)));
        }
        values.put(flat, String.join(rest.startsWith("|") ? "\n" : " ", block).strip());
      } else {
        values.put(flat, unquote(rest));
      }
    }
    return values;
  }

  private static String flatten(Deque<Level> path, String key) {
    StringBuilder b = new StringBuilder();
    path.descendingIterator().forEachRemaining(l -> b.append(l.key()).append('.'));
    return b.append(key).toString();
  }

  /**
   * Where the key ends: at the first {@code :} followed by a space or the end of the line, after a
   * quoted key's closing quote; -1 when the line holds no key.
   */
  private static int keyEnd(String content) {
    int from = 0;
    char first = content.charAt(0);
    if (first == '"' || first == '\'') {
      int close = closingQuote(content, first);
      if (close < 0) {
        return -1;
      }
      from = close + 1;
    }
    for (int i = from; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '#' && i > 0 && content.charAt(i - 1) == ' ') {
        return -1;
      }
      if (c == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static int closingQuote(String s, char quote) {
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          i++; // '' is one quote inside single quotes
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** A plain value ends where a comment starts; a quoted one at its closing quote. */
  private static String withoutComment(String value) {
    String v = value.strip();
    if (v.startsWith("\"") || v.startsWith("'")) {
      int close = closingQuote(v, v.charAt(0));
      return close < 0 ? v : v.substring(0, close + 1);
    }
    int hash = v.indexOf(" #");
    return hash < 0 ? v : v.substring(0, hash);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    if (s.length() >= 2 && s.charAt(0) == '"' && s.endsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < s.length() - 1; i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length() - 1) {
          char e = s.charAt(++i);
          b.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> e;
          });
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
    return s;
  }
}
