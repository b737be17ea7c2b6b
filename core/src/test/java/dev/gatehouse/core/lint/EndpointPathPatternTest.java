package dev.gatehouse.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointPathPatternTest {

  private static boolean matches(String template, String path) {
    return Endpoint.pathPattern(template).matcher(path).matches();
  }

  @Test
  void aVariableIsExactlyOneSegment() {
    assertThat(matches("/notes/{id}", "/notes/42")).isTrue();
    assertThat(matches("/notes/{id}", "/notes/42/comments")).isFalse();
    assertThat(matches("/notes/{id}", "/notes/")).isFalse();
  }

  @Test
  void aVariableWithARegexMatchesOnlyThatRegex() {
    assertThat(matches("/notes/{id: [0-9]+}", "/notes/42")).isTrue();
    assertThat(matches("/notes/{id: [0-9]+}", "/notes/abc")).isFalse();
    assertThat(matches("/files/{path: .+}", "/files/a/b/c")).isTrue();
    assertThat(matches("/n/{id: [0-9]{2}}", "/n/42")).as("braces inside the regex").isTrue();
  }

  @Test
  void literalsAreLiteralAndATrailingSlashIsOptional() {
    assertThat(matches("/v1.0/embed", "/v1.0/embed/")).isTrue();
    assertThat(matches("/v1.0/embed", "/v1x0/embed")).as("a dot is not any character").isFalse();
    assertThat(matches("/embed", "/embedded")).isFalse();
  }
}
