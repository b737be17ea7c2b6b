package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A problem's headers reach its response, and none can split or forge the header block. */
class ProblemHeadersTest {

  @Test
  void headersReachTheResponseInTheOrderAdded() {
    var response = Problem.of(429).header("Retry-After", 12).header("RateLimit", "\"x\";r=0")
        .toResponse();
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("12");
    assertThat(response.getHeaderString("RateLimit")).isEqualTo("\"x\";r=0");
    assertThat(Problem.unauthorized("x").headers()).containsEntry("WWW-Authenticate", "Bearer");
  }

  @Test
  void aNameThatIsNotATokenOrAValueWithALineBreakIsRefused() {
    assertThatThrownBy(() -> Problem.of(400).header("X-Bad Name", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Problem.of(400).header("Set-Cookie:", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Problem.of(400).header("X-Ok", "v\r\nSet-Cookie: s=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
