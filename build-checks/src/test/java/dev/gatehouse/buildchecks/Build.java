package dev.gatehouse.buildchecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the build is, read from its poms as text: the modules the root pom builds by default
 * (nested aggregators followed, profiles left out), their artifacts, and what gatehouse-bom
 * manages.
 */
record Build(Path root, Map<String, String> modules, Set<String> managed, String version) {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>",
      Pattern.DOTALL);

  /** A dependency as a snippet declares it; absent elements are null. */
  record Dependency(String groupId, String artifactId, String version, String type, String scope) {
  }

  static Build of(Path root) {
    Map<String, String> modules = new TreeMap<>();
    collect(root, "", modules);
    String bom = SnippetCheck.read(root.resolve("bom/pom.xml"));
    Set<String> managed = new TreeSet<>();
    Matcher m = Pattern.compile("<artifactId>(gatehouse-[a-z0-9-]+)</artifactId>")
        .matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
    while (m.find()) {
      managed.add(m.group(1));
    }
    String parent = SnippetCheck.read(root.resolve("pom.xml"));
    Matcher v = Pattern.compile("<artifactId>gatehouse-parent</artifactId>\\s*<version>([^<]+)<")
        .matcher(parent);
    return new Build(root, modules, managed, v.find() ? v.group(1) : "?");
  }

  private static void collect(Path root, String dir, Map<String, String> modules) {
    Path pom = root.resolve(dir).resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return;
    }
    String text = SnippetCheck.read(pom);
    if (!dir.isEmpty()) {
      modules.put(dir, ownArtifactId(text));
    }
    int profiles = text.indexOf("<profiles>");
    Matcher m = MODULE.matcher(profiles < 0 ? text : text.substring(0, profiles));
    while (m.find()) {
      collect(root, dir.isEmpty() ? m.group(1) : dir + "/" + m.group(1), modules);
    }
  }

  private static String ownArtifactId(String pom) {
    int from = pom.contains("</parent>") ? pom.indexOf("</parent>") : 0;
    Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
    return m.find(from) ? m.group(1) : "?";
  }

  static List<Dependency> dependencies(String xml) {
    List<Dependency> found = new ArrayList<>();
    Matcher m = DEPENDENCY.matcher(xml);
    while (m.find()) {
      String d = m.group(1);
      found.add(new Dependency(element(d, "groupId"), element(d, "artifactId"),
          element(d, "version"), element(d, "type"), element(d, "scope")));
    }
    return found;
  }

  private static String element(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Why a Gatehouse dependency in a snippet would not resolve as the README sets it up (the BOM
   * imported, modules without versions), or null when it would.
   */
  String dependencyProblem(Dependency d) {
    String a = d.artifactId();
    if ("gatehouse-bom".equals(a)) {
      if (!version.equals(d.version()) || !"pom".equals(d.type()) || !"import".equals(d.scope())) {
        return "gatehouse-bom is imported as <version>" + version + "</version>, <type>pom</type>,"
            + " <scope>import</scope>";
      }
      return null;
    }
    if (!managed.contains(a)) {
      return "names dev.gatehouse:" + a + ", which gatehouse-bom does not manage (bom/pom.xml"
          + " manages " + String.join(", ", managed) + ")";
    }
    if ("test-jar".equals(d.type())) {
      String module = modules.entrySet().stream().filter(e -> e.getValue().equals(a))
          .map(Map.Entry::getKey).findFirst().orElseThrow();
      String pom = SnippetCheck.read(root.resolve(module).resolve("pom.xml"));
      if (!pom.contains("<goal>test-jar</goal>")) {
        return a + "'s test-jar: " + module + "/pom.xml builds none";
      }
      if (d.version() == null) {
        return a + "'s test-jar needs a <version>: gatehouse-bom manages the jars only";
      }
      return null;
    }
    if (d.version() != null) {
      return a + " with <version>" + d.version() + "</version>: gatehouse-bom, imported in"
          + " \"Quick start\", manages it; leave the version out";
    }
    return null;
  }
}
