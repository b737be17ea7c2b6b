package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which JWKS addresses are taken: HTTPS anywhere, plain HTTP only to loopback by its text. */
class JwksUrlCheckTest {

  @ParameterizedTest
  @ValueSource(strings = {"https://idp.example.com/jwks", "https://10.0.0.5:8443/certs",
      "http://127.0.0.1:8180/jwks", "http://127.8.9.10/jwks", "http://localhost:8080/jwks",
      "HTTP://LOCALHOST/jwks", "http://[::1]:8080/jwks", "http://[0:0:0:0:0:0:0:1]/jwks",
      "http://[0000::0001]/jwks", "http://[::ffff:127.0.0.1]/jwks"})
  void takes(String url) {
    assertThat(JwksUrl.check(url).toString()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://idp.example.com/jwks", "http://127.0.0.1.nip.io/jwks",
      "http://localhost.example.com/jwks", "http://[::ffff:10.0.0.1]/jwks", "http://[::2]/jwks",
      "http://10.0.0.5/jwks", "http://0.0.0.0/jwks", "http://[::]/jwks"})
  void refusesPlainHttpBeyondLoopback(String url) {
    assertThatThrownBy(() -> JwksUrl.check(url)).hasMessageStartingWith(
        "gatehouse.jwt.verify-keys-url: \"" + url + "\" must use https");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jwks.json", "/jwks", "ftp://idp.example.com/jwks",
      "file:///etc/jwks.json", "https:jwks", "https://", "https://idp example.com/jwks",
      "http://1270.0.0.1/jwks", "http://[localhost]/jwks"})
  void refusesWhatIsNoHttpsUrl(String url) {
    assertThatThrownBy(() -> JwksUrl.check(url))
        .hasMessageStartingWith("gatehouse.jwt.verify-keys-url: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://user:secret@idp.example.com/jwks",
      "http://secret@127.0.0.1/jwks"})
  void refusesCredentialsInTheUrlWithoutRepeatingThem(String url) {
    assertThatThrownBy(() -> JwksUrl.check(url)).hasMessageContaining("carries credentials")
        .hasMessageNotContaining("secret");
  }
}
