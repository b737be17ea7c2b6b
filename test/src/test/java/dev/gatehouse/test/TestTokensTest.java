package dev.gatehouse.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.testkit.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestTokensTest {

  @RegisterExtension
  static final EmbeddedServer server = Servers.app();

  private static int status(String token, String path) {
    return given().header("Authorization", "Bearer " + token).get(path).then().extract()
        .statusCode();
  }

  @Test
  void aTokenSignedWithTheApplicationsConfiguredKeyIsAccepted() {
    TestTokens tokens = TestTokens.fromConfig();
    assertThat(status(tokens.token().subject("alice").roles("writer").sign(), "/whoami/writer"))
        .isEqualTo(200);
    assertThat(status(tokens.token().subject("alice").sign(), "/whoami/writer")).isEqualTo(403);
  }

  @Test
  void deliberatelyBadTokensAreRefusedByTheApplication() {
    TestTokens tokens = TestTokens.fromConfig();
    assertThat(status(tokens.token().subject("a").expired().sign(), "/whoami")).isEqualTo(401);
    assertThat(status(tokens.token().subject("a").signedWithOtherKey().sign(), "/whoami"))
        .isEqualTo(401);
    assertThat(status(tokens.token().subject("a").unsigned().sign(), "/whoami")).isEqualTo(401);
    assertThat(status(tokens.token().subject("a").wrongAudience().sign(), "/whoami"))
        .isEqualTo(401);
    assertThat(status(tokens.token().subject("a").wrongIssuer().sign(), "/whoami"))
        .isEqualTo(401);
  }

  @Test
  void aVerifyOnlyConfigurationIsRefusedWithTheSettingToAdd() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    JwtSettings verifyOnly = JwtSettings.builder().issuer("i").audience("a").algorithm("RS256")
        .verificationKeys(java.util.List.of(rsa.generateKeyPair().getPublic())).build();
    assertThatThrownBy(() -> TestTokens.of(verifyOnly))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gatehouse.jwt.secret");
  }
}
