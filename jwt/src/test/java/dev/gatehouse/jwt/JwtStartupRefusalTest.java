package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.RocaVectors;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weak or unsafe JWT settings stop the application, with a message naming the property. */
class JwtStartupRefusalTest {

  private static List<String> problems(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class).problems();
  }

  private static EmbeddedServer.Builder hs(String secret) {
    return Servers.hs256(secret);
  }

  @Test
  void refusesToStartWithoutIssuerAndAudience() {
    assertThat(problems(EmbeddedServer.builder().register(GatehouseJwtFeature.class)
        .property("gatehouse.jwt.secret", Servers.secret(32)))).containsExactly(
        "gatehouse.jwt.issuer: is required: set it to the name or URL your tokens are issued by,"
            + " e.g. https://auth.example.com",
        "gatehouse.jwt.audience: is required: set it to the name of this API as it appears in the"
            + " aud claim, e.g. notes-api");
  }

  @Test
  void refusesAWeakSecret() {
    assertThat(problems(hs(Servers.secret(16)))).containsExactly("gatehouse.jwt.secret: has 16"
        + " bytes; HS256 needs at least 32 random bytes (base64), e.g. the output of: openssl rand"
        + " -base64 32");
    assertThat(problems(hs(Servers.secret(32)).property("gatehouse.jwt.algorithm", "HS512")))
        .containsExactly("gatehouse.jwt.secret: has 32 bytes; HS512 needs at least 64 random"
            + " bytes (base64), e.g. the output of: openssl rand -base64 64");
  }

  @Test
  void refusesAMissingSecretNamingTheFileAlternative() {
    assertThat(problems(Servers.base())).containsExactly("gatehouse.jwt.secret: is required for"
        + " HS256: set it to at least 32 random bytes in base64 (openssl rand -base64 32), or mount"
        + " a file and set gatehouse.jwt.secret-file");
  }

  @Test
  void refusesAnUnreadableSecretFile() {
    assertThat(problems(Servers.base().property("gatehouse.jwt.secret-file",
        "/nonexistent/jwt-secret"))).contains("gatehouse.jwt.secret-file: \"/nonexistent/jwt-secret\""
        + " does not exist; mount the secret there or fix the path");
  }

  /** The status of {@code GET /me} on {@code server} with {@code token}. */
  private static int me(EmbeddedServer server, String token) {
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token).get("/me").then().extract().statusCode();
  }

  private static Instant now(EmbeddedServer server) {
    return server.cdi().select(MutableClock.class).get().instant();
  }

  @Test
  void readsTheSecretFromAMountedFile() throws Exception {
    String secret = Servers.secret(32);
    java.nio.file.Path file = java.nio.file.Files.createTempFile("jwt", ".secret");
    java.nio.file.Files.writeString(file, secret + "\n");
    EmbeddedServer server = Servers.base()
        .property("gatehouse.jwt.secret-file", file.toString()).build();
    try {
      server.start();
      assertThat(me(server, Forge.valid(secret, now(server)).sign()))
          .as("a token signed with the file's secret").isEqualTo(200);
      assertThat(me(server, Forge.valid(Servers.secret(32), now(server)).sign()))
          .as("a token signed with another secret").isEqualTo(401);
    } finally {
      server.stop();
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void refusesAccessTokensLongerThanThirtyMinutes() {
    assertThat(problems(hs(Servers.secret(32)).property("gatehouse.jwt.access-token-ttl", "PT31M")))
        .containsExactly("gatehouse.jwt.access-token-ttl: \"PT31M\" must be from PT30S to PT30M;"
            + " access tokens cannot be recalled once issued; keep them short, e.g. PT15M");
  }

  @Test
  void refusesAMaxTokenAgeAboveThirtyMinutesForOwnTokensAboveADayForAnyAndExcessiveSkew() {
    assertThat(problems(hs(Servers.secret(32)).property("gatehouse.jwt.max-token-age", "PT25H")
        .property("gatehouse.jwt.clock-skew", "PT3M"))).containsExactly(
        "gatehouse.jwt.max-token-age: \"PT25H\" must be from PT30S to PT24H; an access token"
            + " cannot be recalled once issued; keep it short, e.g. PT15M (above PT30M only for"
            + " an external issuer's tokens)",
        "gatehouse.jwt.clock-skew: \"PT3M\" must be from PT0S to PT2M; more tolerance keeps"
            + " expired tokens alive; synchronise clocks instead, e.g. PT30S");
    assertThat(problems(hs(Servers.secret(32)).property("gatehouse.jwt.max-token-age", "PT1H")))
        .singleElement().asString().startsWith("gatehouse.jwt.max-token-age: \"PT1H\" is above"
            + " PT30M, which only a service that verifies an external issuer's tokens may set");
  }

  @Test
  void refusesAKeyRefreshIntervalOutsideOneSecondToOneHour() {
    assertThat(problems(hs(Servers.secret(32)).property("gatehouse.jwt.key-refresh-interval",
        "PT0S"))).containsExactly("gatehouse.jwt.key-refresh-interval: \"PT0S\" must be from PT1S"
        + " to PT1H; a rotated key file is picked up within it, e.g. PT1M");
  }

  @Test
  void refusesTheNoneAlgorithm() {
    assertThat(problems(hs(Servers.secret(32)).property("gatehouse.jwt.algorithm", "none")))
        .containsExactly("gatehouse.jwt.algorithm: \"none\" is not a supported signature"
            + " algorithm; use one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384,"
            + " PS512, ES256, ES384, ES512, EdDSA");
  }

  @Test
  void refusesShortRsaKeys() {
    KeyPair weak = Pem.rsa(1024);
    assertThat(problems(Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", Pem.of(weak.getPublic())))).containsExactly(
        "gatehouse.jwt.verify-keys: holds an RSA key of 1024 bits; at least 2048 are required"
            + " (RFC 7518 §3.3)");
  }

  @Test
  void refusesASecretWithAnAsymmetricAlgorithm() {
    KeyPair kp = Pem.rsa(2048);
    assertThat(problems(Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.secret", Servers.secret(32))
        .property("gatehouse.jwt.verify-keys", Pem.of(kp.getPublic())))).containsExactly(
        "gatehouse.jwt.secret: is for HS256/384/512; with RS256 set gatehouse.jwt.verify-keys"
            + " (public keys) and, to issue tokens, gatehouse.jwt.sign-key");
  }

  @Test
  void refusesASigningKeyThatIsNotTheVerificationKeysPair() {
    KeyPair one = Pem.rsa(2048);
    KeyPair two = Pem.rsa(2048);
    List<String> p = problems(Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.sign-key", Pem.of(one.getPrivate()))
        .property("gatehouse.jwt.verify-keys", Pem.of(two.getPublic())));
    assertThat(p).singleElement().asString().startsWith("gatehouse.jwt.sign-key-id: \"")
        .endsWith("\" names a verification key that is not the public half of"
            + " gatehouse.jwt.sign-key; tokens signed with it would be refused");
  }

  @Test
  void refusesAnEcKeyOnTheWrongCurve() {
    KeyPair kp = Pem.ec("secp384r1");
    assertThat(problems(Servers.base().property("gatehouse.jwt.algorithm", "ES256")
        .property("gatehouse.jwt.verify-keys", Pem.of(kp.getPublic())))).containsExactly(
        "gatehouse.jwt.verify-keys: holds a key that is not on the curve ES256 requires (P-256)");
  }

  /** How a JWKS of keys none of which verifies here is refused, up to the first key's reason. */
  private static final String NONE_USABLE =
      "gatehouse.jwt.verify-keys: holds no key usable here: the JWKS key";

  private static List<String> jwksProblems(String alg, String jwks) {
    return problems(Servers.base().property("gatehouse.jwt.algorithm", alg)
        .property("gatehouse.jwt.verify-keys", jwks));
  }

  @Test
  void refusesAJwksKeyPublishedForEncryption() {
    KeyPair kp = Pem.ec("secp256r1");
    assertThat(jwksProblems("ES256", Pem.jwks(kp.getPublic(), "enc-2026", "enc", null, null)))
        .containsExactly(NONE_USABLE + " \"enc-2026\" is not a signature"
            + " key (\"use\": \"enc\"); a key published for encryption must not verify tokens:"
            + " configure the issuer's signature key, with \"use\": \"sig\" or no \"use\"");
  }

  @Test
  void refusesAJwksKeyWhoseKeyOpsLackVerify() {
    KeyPair kp = Pem.ec("secp256r1");
    for (List<String> ops : List.of(List.of("sign"), List.of("encrypt", "wrapKey"), List.<String>of())) {
      assertThat(jwksProblems("ES256", Pem.jwks(kp.getPublic(), "k1", null, ops, null)))
          .as(ops.toString()).containsExactly(NONE_USABLE + " \"k1\""
              + " does not allow verification (its \"key_ops\" lack \"verify\"); configure a"
              + " key whose key_ops include verify, or that has none");
    }
  }

  @Test
  void refusesAJwksKeyMadeForAnotherAlgorithm() {
    KeyPair kp = Pem.rsa(2048);
    assertThat(jwksProblems("RS256", Pem.jwks(kp.getPublic(), "rsa-1", "sig", null, "PS256")))
        .containsExactly(NONE_USABLE + " \"rsa-1\" is for \"alg\":"
            + " \"PS256\", but gatehouse.jwt.algorithm is RS256; one key verifies one algorithm"
            + " (RFC 8725 §3.1): pin the key's algorithm or use a key made for RS256");
  }

  @Test
  void refusesAJwksKeyWhoseTypeOrCurveContradictsItsAlgorithm() {
    assertThat(jwksProblems("ES256", Pem.jwks(Pem.ec("secp384r1").getPublic(), "p384", "sig",
        List.of("verify"), "ES256"))).containsExactly(NONE_USABLE
        + " \"p384\" holds a key that is not on the curve ES256 requires (P-256)");
    assertThat(jwksProblems("RS256", Pem.jwks(Pem.ec("secp256r1").getPublic(), "ec-as-rsa",
        null, null, "RS256"))).containsExactly(NONE_USABLE
        + " \"ec-as-rsa\" holds a non-RSA key, but RS256 needs RSA keys");
  }

  @Test
  void verifiesTokensWithAJwksSignatureKeyThatSaysSo() {
    KeyPair kp = Pem.ec("secp256r1");
    EmbeddedServer server = Servers.base().property("gatehouse.jwt.algorithm", "ES256")
        .property("gatehouse.jwt.verify-keys", Pem.jwks(kp.getPublic(), "ok", "sig",
            List.of("verify"), "ES256")).build();
    try {
      server.start();
      Forge es256 = Forge.valid(Servers.secret(32), now(server)).header("alg", "ES256")
          .header("kid", "ok");
      assertThat(me(server, es256.key(kp.getPrivate()).sign()))
          .as("a token signed with the JWKS key's private half").isEqualTo(200);
      assertThat(me(server, es256.key(Pem.ec("secp256r1").getPrivate()).sign()))
          .as("a token signed with another key under the same kid").isEqualTo(401);
    } finally {
      server.stop();
    }
  }

  @Test
  void refusesAnRsaKeyWithTheRocaFingerprintAsPemOrInAJwks() {
    java.security.PublicKey roca = Pem.rsaPublic(RocaVectors.VULNERABLE_2048);
    String rule = "holds an RSA key with the ROCA fingerprint (CVE-2017-15361): its private key"
        + " can be computed from the public key. Revoke it and generate a new key pair outside the"
        + " affected Infineon chips (firmware before 2017)";
    assertThat(problems(Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", Pem.of(roca)))).containsExactly(
        "gatehouse.jwt.verify-keys: " + rule);
    assertThat(jwksProblems("PS256", Pem.jwks(roca, "card-7", "sig", null, "PS256")))
        .containsExactly(NONE_USABLE + " \"card-7\" " + rule);
  }

  @Test
  void refusesAKeyIdWithAnAsymmetricAlgorithm() {
    KeyPair kp = Pem.rsa(2048);
    assertThat(problems(Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", Pem.of(kp.getPublic()))
        .property("gatehouse.jwt.key-id", "2026-11"))).containsExactly(
        "gatehouse.jwt.key-id: \"2026-11\" names the HMAC secret's key, but RS256 takes keys"
            + " from gatehouse.jwt.verify-keys (a PEM key's kid is its RFC 7638 thumbprint, a JWKS"
            + " key carries its own); choose the signing key with gatehouse.jwt.sign-key-id");
  }

  @Test
  void refusesAKeyIdThatIsNotAPlainName() {
    assertThat(problems(hs(Servers.secret(32)).property("gatehouse.jwt.key-id", "../k 1")))
        .containsExactly("gatehouse.jwt.key-id: \"../k 1\" must be 1 to 64 letters, digits, '.',"
            + " '_' or '-', e.g. 2026-11");
  }

  /** A recheck with nothing to recheck. */
  @Path("/misconfigured")
  public static class RecheckWithoutRoles {
    @GET
    @PermitAll
    @RecheckRoles
    public String get() {
      return "x";
    }
  }

  @Test
  void refusesRecheckRolesWithoutRolesAllowed() {
    assertThat(problems(hs(Servers.secret(32)).register(RecheckWithoutRoles.class)))
        .containsExactly("@RecheckRoles on RecheckWithoutRoles#get needs @RolesAllowed: it"
            + " re-checks the allowed roles against the application's RoleSource");
  }

  @Test
  void settingsNeverPrintKeyMaterial() {
    String secret = Servers.secret(32);
    List<String> p = problems(hs(secret).property("gatehouse.jwt.access-token-ttl", "PT2H"));
    assertThat(String.join("\n", p)).doesNotContain(secret);
  }
}
