package dev.gatehouse.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SnippetCheck} on a small project of its own: what it accepts and what it names. */
class SnippetCheckTest {

  private static final String SOURCE = "lib/src/test/java/x/readme/Snip.java";

  @TempDir
  Path root;

  @BeforeEach
  void aProjectWithOneModuleAndItsBom() throws IOException {
    write("pom.xml", """
        <project><artifactId>gatehouse-parent</artifactId><version>1.0</version>
          <modules><module>bom</module><module>lib</module></modules>
          <profiles><profile><modules><module>extra</module></modules></profile></profiles>
        </project>""");
    write("bom/pom.xml", """
        <project><artifactId>gatehouse-bom</artifactId><dependencyManagement><dependencies>
          <dependency><groupId>dev.gatehouse</groupId><artifactId>gatehouse-lib</artifactId>
          </dependency></dependencies></dependencyManagement></project>""");
    write("lib/pom.xml", """
        <project><parent><artifactId>gatehouse-parent</artifactId></parent>
          <artifactId>gatehouse-lib</artifactId><goal>test-jar</goal></project>""");
    write(SOURCE, """
        package x.readme;

        // ~imports
        import java.util.List;
        // ~end

        class Snip {
          // ~method
          List<String> names() {
            return List.of("a");
          }
          // ~end
        }
        """.replace("// ~", "// readme:"));  // as written here, no region of this file
  }

  @Test
  void aBlockEqualToItsRegionsJoinedByABlankLinePasses() throws IOException {
    readme("""
        Intro.

        <!-- snippet: %s#imports,method -->
        ```java
        import java.util.List;

        List<String> names() {
          return List.of("a");
        }
        ```
        """.formatted(SOURCE));
    SnippetCheck check = new SnippetCheck(root);
    assertThat(check.problems()).isEmpty();
    assertThat(check.shown()).containsExactly(SOURCE + "#imports", SOURCE + "#method");
  }

  @Test
  void anIndentedBlockInAListItemIsComparedWithoutItsIndentation() throws IOException {
    readme("""
        - a point:

          <!-- snippet: %s#imports %s#method -->
          ```java
          import java.util.List;

          List<String> names() {
            return List.of("a");
          }
          ```
        """.formatted(SOURCE, SOURCE));
    assertThat(new SnippetCheck(root).problems()).isEmpty();
  }

  @Test
  void aBlockThatDiffersFromItsRegionNamesTheFirstDifferentLine() throws IOException {
    readme("""
        <!-- snippet: %s#imports %s#method -->
        ```java
        import java.util.List;

        List<String> names() {
          return List.of("b");
        }
        ```
        """.formatted(SOURCE, SOURCE));
    assertThat(new SnippetCheck(root).problems()).singleElement().asString()
        .startsWith("README.md:2: the block is not the code of ")
        .contains("at its line 4:\n  block:    return List.of(\"b\");\n"
            + "  source:   return List.of(\"a\");");
  }

  @Test
  void aJavaBlockWithoutAMarkerIsRefusedAndEveryRegionItLeftUnshownIsNamed() throws IOException {
    readme("""
        ```java
        int x = 1;
        ```
        """);
    assertThat(new SnippetCheck(root).problems()).satisfiesExactly(
        p -> assertThat(p).startsWith("README.md:1: a ```java block without a <!-- snippet:"),
        p -> assertThat(p).startsWith(SOURCE + ": region imports is shown in no document"),
        p -> assertThat(p).startsWith(SOURCE + ": region method is shown in no document"));
  }

  @Test
  void aSourceTheBuildDoesNotCompileIsRefused() throws IOException {
    write("extra/src/test/java/Y.java", "// readme:y\nclass Y {}\n// readme:end\n");
    readme("""
        <!-- snippet: extra/src/test/java/Y.java#y -->
        ```java
        class Y {}
        ```
        <!-- snippet: %s#imports %s#nothing -->
        ```java
        import java.util.List;
        ```
        """.formatted(SOURCE, SOURCE));
    assertThat(new SnippetCheck(root).problems())
        .anySatisfy(p -> assertThat(p).startsWith(
            "README.md:2: extra/src/test/java/Y.java is not compiled by the build"))
        .anySatisfy(p -> assertThat(p).isEqualTo(
            "README.md:6: " + SOURCE + " has no region nothing (// readme:nothing … // readme:end)"));
  }

  @Test
  void javaUnderAnotherTagNeedsTheReasonItIsNotCompiled() throws IOException {
    write("docs/guide.md", """
        ```
        public class Sketch {
        ```

        <!-- not compiled: a fragment of a class, shown for its annotation -->
        ```text
        public class Sketch {
        ```
        """);
    readme("""
        <!-- snippet: %s#imports %s#method -->
        ```java
        import java.util.List;

        List<String> names() {
          return List.of("a");
        }
        ```
        """.formatted(SOURCE, SOURCE));
    assertThat(new SnippetCheck(root).problems()).singleElement().asString()
        .startsWith("docs/guide.md:1: this ``` block looks like Java");
  }

  @Test
  void dependenciesMustBeArtifactsTheBomManagesAsTheReadmeSetsThemUp() throws IOException {
    readme("""
        <!-- snippet: %s#imports %s#method -->
        ```java
        import java.util.List;

        List<String> names() {
          return List.of("a");
        }
        ```

        ```xml
        <dependency><groupId>dev.gatehouse</groupId><artifactId>gatehouse-bom</artifactId>
          <version>1.0</version><type>pom</type><scope>import</scope></dependency>
        <dependency><groupId>dev.gatehouse</groupId><artifactId>gatehouse-lib</artifactId>
        </dependency>
        <dependency><groupId>dev.gatehouse</groupId><artifactId>gatehouse-lib</artifactId>
          <version>1.0</version><type>test-jar</type></dependency>
        <dependency><groupId>dev.gatehouse</groupId><artifactId>gatehouse-gone</artifactId>
        </dependency>
        <dependency><groupId>dev.gatehouse</groupId><artifactId>gatehouse-lib</artifactId>
          <version>1.0</version></dependency>
        <dependency><groupId>org.other</groupId><artifactId>gatehouse-any</artifactId>
        </dependency>
        ```
        And dev.gatehouse:gatehouse-lib, but not dev.gatehouse:gatehouse-old.
        """.formatted(SOURCE, SOURCE));
    assertThat(new SnippetCheck(root).problems()).containsExactly(
        "README.md: names dev.gatehouse:gatehouse-old, which gatehouse-bom does not manage"
            + " (bom/pom.xml manages gatehouse-lib)",
        "README.md:10: names dev.gatehouse:gatehouse-gone, which gatehouse-bom does not manage"
            + " (bom/pom.xml manages gatehouse-lib)",
        "README.md:10: gatehouse-lib with <version>1.0</version>: gatehouse-bom, imported in"
            + " \"Quick start\", manages it; leave the version out");
  }

  private void readme(String text) throws IOException {
    write("README.md", text);
  }

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
