package dev.gatehouse.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** gatehouse-bom manages every published artifact, at the project's version, and nothing else. */
class BomIT {

  /** Modules of the build that are not published: the runtime and harness for our own tests. */
  private static final Set<String> INTERNAL = Set.of("gatehouse-embedded", "gatehouse-testkit",
      "gatehouse-bom");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARTIFACT = Pattern.compile(
      "<artifactId>(gatehouse-[a-z-]+)</artifactId>");

  @Test
  void theBomManagesEveryPublishedArtifactOfTheBuild() throws IOException {
    Path root = Maven.ROOT;
    String parent = Files.readString(root.resolve("pom.xml"));
    Set<String> published = new TreeSet<>();
    Matcher modules = MODULE.matcher(parent.substring(0, parent.indexOf("<profiles>")));
    while (modules.find()) {
      String pom = Files.readString(root.resolve(modules.group(1)).resolve("pom.xml"));
      if (pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
        continue;
      }
      String own = ownArtifactId(pom);
      if (!INTERNAL.contains(own)) {
        published.add(own);
      }
    }
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    List<String> managed = new ArrayList<>();
    Matcher m = ARTIFACT.matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
    while (m.find()) {
      managed.add(m.group(1));
    }
    assertThat(published).as("published artifacts").contains("gatehouse-core", "gatehouse-test");
    assertThat(managed).as("gatehouse-bom's managed artifacts")
        .containsExactlyInAnyOrderElementsOf(published);
    assertThat(bom).doesNotContain("<parent>")
        .contains("<version>" + projectVersion(parent) + "</version>");
  }

  /** The module's own artifactId: the first one after its parent block. */
  private static String ownArtifactId(String pom) {
    int from = pom.contains("</parent>") ? pom.indexOf("</parent>") : 0;
    Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
    m.find(from);
    return m.group(1);
  }

  private static String projectVersion(String parentPom) {
    Matcher m = Pattern.compile("<artifactId>gatehouse-parent</artifactId>\\s*<version>([^<]+)<")
        .matcher(parentPom);
    m.find();
    return m.group(1);
  }
}
