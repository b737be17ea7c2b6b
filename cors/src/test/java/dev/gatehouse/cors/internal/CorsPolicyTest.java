package dev.gatehouse.cors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cors.CorsSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Matching an allowed origin's exact text without parsing answers as parsing would. */
class CorsPolicyTest {

  private final CorsSettings settings = CorsSettings.builder().allowInsecureOrigins(true)
      .allowedOrigins(List.of("https://App.Example.com", "https://api.example.com:8443",
          "http://localhost:3000", "https://[::1]:9443"))
      .build();
  private final CorsPolicy policy = CorsPolicy.of(settings);

  @Test
  void theExactTextOfAnAllowedOriginIsGrantedAsParsingGrantsIt() {
    for (String sent : List.of("https://app.example.com", "https://api.example.com:8443",
        "http://localhost:3000", "https://[::1]:9443")) {
      assertThat(policy.allowOrigin(sent)).as(sent).contains(sent);
      assertThat(Origin.parse(sent).map(Origin::toString)).as(sent).contains(sent);
    }
  }

  @Test
  void anythingElseIsStillJudgedByParsing() {
    assertThat(policy.allowOrigin("https://APP.example.com")).contains("https://APP.example.com");
    assertThat(policy.allowOrigin("https://app.example.com:443"))
        .contains("https://app.example.com:443");
    for (String refused : List.of("https://app.example.com.evil.test", "http://app.example.com",
        "https://app.example.com:8443", "https://api.example.com", "null", "",
        "https://app.example.com/", "https://evil.test")) {
      assertThat(policy.allowOrigin(refused)).as(refused).isEqualTo(Optional.empty());
    }
    assertThat(policy.allowOrigin(null)).isEmpty();
  }
}
