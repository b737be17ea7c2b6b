package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings built in code pass the same validation, with the same messages, as settings read from
 * properties: each setter refuses a bad value at once, {@code build()} the combination.
 */
class JwtSettingsBuilderTest {

  private static final byte[] SECRET = Base64.getDecoder().decode(Servers.secret(64));

  private static JwtSettings.Builder minimal() {
    return JwtSettings.builder().issuer(Servers.ISSUER).audience(Servers.AUDIENCE)
        .hmacSecret(SECRET);
  }

  private static List<String> problems(Map<String, String> properties) {
    try {
      JwtSettings.fromConfig(new SmallRyeConfigBuilder()
          .withSources(new PropertiesConfigSource(properties, "test", 500)).build());
    } catch (GatehouseConfigException e) {
      return e.problems();
    }
    throw new AssertionError("the settings were accepted");
  }

  @Test
  void aSetterRefusesABadValueWithTheMessageThePropertyGets() {
    assertThatThrownBy(() -> JwtSettings.builder().accessTokenTtl(Duration.ofMinutes(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gatehouse.jwt.access-token-ttl: \"PT31M\" must be from PT30S to PT30M;"
            + " access tokens cannot be recalled once issued; keep them short, e.g. PT15M");
    assertThat(problems(Map.of(JwtSettings.ISSUER, "i", JwtSettings.AUDIENCE, "a",
        JwtSettings.SECRET, Servers.secret(32), JwtSettings.ACCESS_TTL, "PT31M")))
        .containsExactly("gatehouse.jwt.access-token-ttl: \"PT31M\" must be from PT30S to PT30M;"
            + " access tokens cannot be recalled once issued; keep them short, e.g. PT15M");
    assertThatThrownBy(() -> JwtSettings.builder().cookie("a b"))
        .hasMessage("gatehouse.jwt.cookie: \"a b\" is not a cookie name; use letters, digits, _ ."
            + " or -");
    assertThatThrownBy(() -> JwtSettings.builder().algorithm("none"))
        .hasMessageStartingWith("gatehouse.jwt.algorithm: \"none\" is not a supported signature"
            + " algorithm");
  }

  @Test
  void aGoogleOAuthClientIdIsRefusedAsTheAudienceForOnlyIdTokensNameOne() {
    String client = "1234987819200-k9u2fa7hvq1lbmrq3c5ejdu4tnp3kf1o.apps.googleusercontent.com";
    String refusal = "gatehouse.jwt.audience: \"" + client + "\" is a Google OAuth client id:"
        + " the tokens naming it are Google ID tokens, which tell that client who signed in and"
        + " are not access tokens for an API (Google issues no JWT access tokens for yours). Name"
        + " this API as its tokens do, e.g. the URL of a Cloud Run service for the ID tokens a"
        + " service account mints to call it";
    assertThatThrownBy(() -> JwtSettings.builder().audience(client)).hasMessage(refusal);
    assertThat(problems(Map.of(JwtSettings.ISSUER, "https://accounts.google.com",
        JwtSettings.AUDIENCE, client, JwtSettings.ALGORITHM, "RS256", JwtSettings.VERIFY_KEYS,
        Pem.of(Pem.rsa(2048).getPublic())))).containsExactly(refusal);
    assertThat(JwtSettings.builder().issuer("https://accounts.google.com")
        .audience("https://notes-api-4f2kq7xdna-ew.a.run.app").algorithm("RS256")
        .verificationKeys(List.of(Pem.rsa(2048).getPublic())).build().audience())
        .isEqualTo("https://notes-api-4f2kq7xdna-ew.a.run.app");
  }

  @Test
  void buildRefusesMissingIssuerAudienceAndKeyNamingTheProperty() {
    assertThatThrownBy(() -> JwtSettings.builder().audience("a").hmacSecret(SECRET).build())
        .hasMessage("gatehouse.jwt.issuer: is required: set it to the name or URL your tokens are"
            + " issued by, e.g. https://auth.example.com");
    assertThatThrownBy(() -> JwtSettings.builder().issuer("i").audience("a").build())
        .hasMessage("gatehouse.jwt.secret: is required for HS256: set it to at least 32 random"
            + " bytes in base64 (openssl rand -base64 32), or mount a file and set"
            + " gatehouse.jwt.secret-file");
  }

  @Test
  void aSecretIsCheckedAgainstTheAlgorithmSetSoFarAndAgainAgainstTheFinalOne() {
    byte[] thirtyTwo = Base64.getDecoder().decode(Servers.secret(32));
    assertThatThrownBy(() -> JwtSettings.builder().algorithm(SignatureAlgorithm.HS512)
        .hmacSecret(thirtyTwo)).hasMessage("gatehouse.jwt.secret: has 32 bytes; HS512 needs at"
        + " least 64 random bytes (base64), e.g. the output of: openssl rand -base64 64");
    JwtSettings.Builder secretFirst = JwtSettings.builder().issuer("i").audience("a")
        .hmacSecret(thirtyTwo).algorithm("HS512");
    assertThatThrownBy(secretFirst::build).hasMessage("gatehouse.jwt.secret: has 32 bytes; HS512"
        + " needs at least 64 random bytes (base64), e.g. the output of: openssl rand -base64 64");
  }

  @Test
  void keyMaterialOfTheOtherKindOfAlgorithmIsRefusedByBuild() {
    KeyPair rsa = Pem.rsa(2048);
    assertThatThrownBy(() -> minimal().verificationKeys(List.of(rsa.getPublic())).build())
        .hasMessage("gatehouse.jwt.sign-key: and gatehouse.jwt.verify-keys (or"
            + " gatehouse.jwt.verify-keys-url) are for asymmetric algorithms; with HS256 set only"
            + " gatehouse.jwt.secret (or gatehouse.jwt.secret-file)");
    assertThatThrownBy(() -> minimal().algorithm("RS256").build())
        .hasMessage("gatehouse.jwt.secret: is for HS256/384/512; with RS256 set"
            + " gatehouse.jwt.verify-keys (public keys) and, to issue tokens, gatehouse.jwt.sign-key");
  }

  @Test
  void publicKeysGivenInCodeMeetTheSameStrengthRules() {
    KeyPair weak = Pem.rsa(1024);
    assertThatThrownBy(() -> JwtSettings.builder().algorithm("RS256")
        .verificationKeys(List.of(weak.getPublic()))).hasMessage("gatehouse.jwt.verify-keys:"
        + " holds an RSA key of 1024 bits; at least 2048 are required (RFC 7518 §3.3)");
    KeyPair one = Pem.rsa(2048);
    KeyPair two = Pem.rsa(2048);
    assertThatThrownBy(() -> JwtSettings.builder().issuer("i").audience("a").algorithm("RS256")
        .verificationKeys(List.of(two.getPublic())).signingKey(one.getPrivate()).build())
        .hasMessageEndingWith("names a verification key that is not the public half of"
            + " gatehouse.jwt.sign-key; tokens signed with it would be refused");
    JwtSettings pair = JwtSettings.builder().issuer("i").audience("a").algorithm("RS256")
        .verificationKeys(List.of(one.getPublic())).signingKey(one.getPrivate()).build();
    assertThat(pair.signingKeyId()).contains(pair.keyIds().iterator().next());
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    JwtSettings s = minimal().build();
    assertThat(s.algorithm()).isEqualTo(SignatureAlgorithm.HS256);
    assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.maxTokenAge()).isEqualTo(s.accessTokenTtl());
    assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxTokenBytes()).isEqualTo(8192);
    assertThat(s.cookie()).isEmpty();
    assertThat(s.refreshTokenTtl()).isEqualTo(Duration.ofDays(14));
    assertThat(s.refreshFamilyMaxAge()).isEqualTo(Duration.ofDays(30));
    assertThat(s.reuseGrace()).isZero();
    assertThat(s.allowOnDenyListFailure()).isFalse();
    assertThat(s.maxFamilies()).isEqualTo(100_000);
    assertThat(s.keyIds()).singleElement().asString().startsWith("hs-");
  }

  @Test
  void aSecretGivenInlineAndAsAFileIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, Servers.secret(32));
    assertThat(problems(Map.of(JwtSettings.ISSUER, "i", JwtSettings.AUDIENCE, "a",
        JwtSettings.SECRET, Servers.secret(32), JwtSettings.SECRET_FILE, file.toString())))
        .containsExactly("gatehouse.jwt.secret: and gatehouse.jwt.secret-file are both set; keep"
            + " one");
  }

  @Test
  void settingsNeverShowTheSecret() {
    String text = minimal().build().toString();
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(SECRET))
        .contains("HS256").contains("hs-");
  }
}
