package dev.gatehouse.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings built in code pass the checks that properties pass, with the same messages. */
class CorsSettingsTest {

  @Test
  void theDefaultsAllowNoOrigin() {
    CorsSettings none = CorsSettings.builder().build();
    assertThat(none.active()).isFalse();
    assertThat(none.allowCredentials()).isTrue();
    assertThat(none.methods()).isEqualTo(CorsSettings.DEFAULT_METHODS);
    assertThat(none.headers()).isEqualTo(CorsSettings.DEFAULT_HEADERS);
    assertThat(none.exposedHeaders()).isEqualTo(CorsSettings.DEFAULT_EXPOSED);
    assertThat(none.maxAge()).isEqualTo(CorsSettings.DEFAULT_MAX_AGE)
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void originsAreKeptInTheirCanonicalForm() {
    CorsSettings s = CorsSettings.builder()
        .allowedOrigins(List.of("HTTPS://App.Example.com:443", "https://app.example.com",
            "http://localhost:3000"))
        .build();
    assertThat(s.origins()).containsExactly("https://app.example.com", "http://localhost:3000");
  }

  @Test
  void anOriginIsRefusedAsItIsSet() {
    CorsSettings.Builder b = CorsSettings.builder();
    assertThatThrownBy(() -> b.allowedOrigins(List.of("https://app.example.com/path")))
        .hasMessage("gatehouse.cors.allowed-origins: \"https://app.example.com/path\" is not an"
            + " exact origin (scheme://host[:port], without path, query, user info or wildcard);"
            + " e.g. https://app.example.com");
    assertThatThrownBy(() -> b.allowedMethods(List.of("*"))).hasMessageStartingWith(
        "gatehouse.cors.allowed-methods: \"*\" must be HTTP tokens listed one by one");
    assertThatThrownBy(() -> b.maxAge(Duration.ofDays(2))).hasMessage(
        "gatehouse.cors.max-age: \"PT48H\" must be from PT0S to P1D, e.g. PT10M");
  }

  @Test
  void combinationsAreCheckedWhateverTheOrderOfTheSetters() {
    assertThatThrownBy(() -> CorsSettings.builder().allowedOrigins(List.of("*")).build())
        .hasMessage("gatehouse.cors.allowed-origins: \"*\" cannot be combined with"
            + " allow-credentials=true; list the exact origins, e.g. https://app.example.com");
    assertThatThrownBy(() -> CorsSettings.builder().allowedOrigins(List.of("http://app.internal"))
        .build()).hasMessageStartingWith(
            "gatehouse.cors.allowed-origins: \"http://app.internal\" is not HTTPS");
    CorsSettings open = CorsSettings.builder().allowedOrigins(List.of("*"))
        .allowCredentials(false).allowAnyOrigin(true).build();
    assertThat(open.anyOrigin()).isTrue();
    assertThat(CorsSettings.builder().allowedOrigins(List.of("http://app.internal"))
        .allowInsecureOrigins(true).build().origins()).containsExactly("http://app.internal");
  }
}
