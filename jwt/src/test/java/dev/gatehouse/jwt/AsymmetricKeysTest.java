package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsymmetricKeysTest {

  static String thumbprint(KeyPair kp) throws Exception {
    return PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic())
        .calculateBase64urlEncodedThumbprint("SHA-256");
  }

  static String loginAndCallMe() {
    String access = given().contentType("application/json").body(Map.of("subject", "kim"))
        .post("/auth/login").then().statusCode(200).extract().path("access_token");
    given().header("Authorization", "Bearer " + access).get("/me").then().statusCode(200);
    return access;
  }

  @Nested
  class Rs256WithRotation {

    static final KeyPair CURRENT = Pem.rsa(2048);
    static final KeyPair PREVIOUS = Pem.rsa(2048);

    @RegisterExtension
    static final EmbeddedServer server = Servers.base()
        .property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.sign-key", Pem.of(CURRENT.getPrivate()))
        .property("gatehouse.jwt.verify-keys", Pem.of(CURRENT.getPublic()) + Pem.of(PREVIOUS.getPublic()))
        .property("gatehouse.jwt.sign-key-id", kid(CURRENT))
        .build();

    static String kid(KeyPair kp) {
      try {
        return thumbprint(kp);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private Forge forge(KeyPair signer) {
      MutableClock clock = server.cdi().select(MutableClock.class).get();
      return Forge.valid(java.util.Base64.getEncoder().encodeToString(new byte[32]), clock.instant())
          .header("alg", "RS256").header("kid", kid(signer)).key(signer.getPrivate());
    }

    private static int me(String token) {
      return given().header("Authorization", "Bearer " + token).get("/me").then().extract()
          .statusCode();
    }

    @Test
    void issuedTokensCarryTheSigningKeysKid() throws Exception {
      String access = loginAndCallMe();
      String header = new String(java.util.Base64.getUrlDecoder().decode(access.split("\\.")[0]),
          StandardCharsets.UTF_8);
      assertThat(header).contains("\"kid\":\"" + thumbprint(CURRENT) + "\"")
          .contains("\"alg\":\"RS256\"");
    }

    @Test
    void tokensOfThePreviousKeyStillVerifyDuringRotation() {
      assertThat(me(forge(PREVIOUS).sign())).isEqualTo(200);
    }

    @Test
    void aKidOfOneKeyWithTheSignatureOfAnotherIsRefused() throws Exception {
      assertThat(me(forge(PREVIOUS).header("kid", thumbprint(CURRENT)).sign())).isEqualTo(401);
    }

    @Test
    void anAttackersKeyIsRefusedWithOrWithoutAnEmbeddedJwk() throws Exception {
      KeyPair attacker = Pem.rsa(2048);
      assertThat(me(forge(attacker).sign())).isEqualTo(401);
      assertThat(me(forge(attacker).header("kid", thumbprint(CURRENT)).sign())).isEqualTo(401);
      assertThat(me(forge(attacker).withoutHeader("kid").header("jwk",
          PublicJsonWebKey.Factory.newPublicJwk(attacker.getPublic())
              .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).sign())).isEqualTo(401);
    }

    @Test
    void rejectsHmacSignedWithThePublicKeyKeyConfusion() throws Exception {
      for (byte[] secret : new byte[][] {
          Pem.of(CURRENT.getPublic()).getBytes(StandardCharsets.US_ASCII),
          CURRENT.getPublic().getEncoded()}) {
        assertThat(me(forge(CURRENT).header("alg", "HS256").key(new HmacKey(secret)).sign()))
            .isEqualTo(401);
      }
    }

    @Test
    void severalKeysNeedAKid() {
      assertThat(me(forge(CURRENT).withoutHeader("kid").sign())).isEqualTo(401);
    }
  }

  @Nested
  class JwksVerificationKeys {

    static final KeyPair KEY = Pem.ec("secp256r1");

    @RegisterExtension
    static final EmbeddedServer server = Servers.base()
        .property("gatehouse.jwt.algorithm", "ES256")
        .property("gatehouse.jwt.sign-key", Pem.of(KEY.getPrivate()))
        .property("gatehouse.jwt.verify-keys", jwks())
        .property("gatehouse.jwt.sign-key-id", "2026-11")
        .build();

    static String jwks() {
      try {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(KEY.getPublic());
        jwk.setKeyId("2026-11");
        return "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Test
    void keysFromAJwksDocumentWithTheirKids() {
      String access = loginAndCallMe();
      assertThat(new String(java.util.Base64.getUrlDecoder().decode(access.split("\\.")[0])))
          .contains("\"kid\":\"2026-11\"");
    }
  }

  @Nested
  class OtherAlgorithms {

    @ParameterizedTest
    @ValueSource(strings = {"PS256", "RS512", "ES384", "EdDSA"})
    void issueAndVerifyWith(String alg) {
      KeyPair kp = switch (alg) {
        case "ES384" -> Pem.ec("secp384r1");
        case "EdDSA" -> Pem.ed25519();
        default -> Pem.rsa(2048);
      };
      EmbeddedServer server = Servers.base()
          .property("gatehouse.jwt.algorithm", alg)
          .property("gatehouse.jwt.sign-key", Pem.of(kp.getPrivate()))
          .property("gatehouse.jwt.verify-keys", Pem.of(kp.getPublic()))
          .build();
      try {
        server.beforeAll(null);
        loginAndCallMe();
      } finally {
        server.afterAll(null);
      }
    }
  }
}
