package dev.gatehouse.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every code snippet of the README and of docs/*.md compiles (issue 24, item 6): each ```java
 * block is a region of a source the build compiles, and each Gatehouse artifact the docs name is
 * one the build publishes. The rules and the markers are {@link SnippetCheck}'s.
 */
class ReadmeSnippetsIT {

  @Test
  void everyJavaSnippetOfTheDocsIsCompiledCodeAndEveryArtifactTheyNameIsBuilt() {
    SnippetCheck check = new SnippetCheck(Maven.ROOT);
    List<String> problems = check.problems();
    assertThat(problems).as("the docs' snippets:%n%s", String.join("\n\n", problems)).isEmpty();
    assertThat(check.shown()).as("regions the README shows").hasSizeGreaterThan(10);
  }
}
