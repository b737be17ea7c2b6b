package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.RocaVectors;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.MutableClock;
import java.security.Key;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key set as identity providers publish it — a signature key beside keys that must not verify
 * this service's tokens — is used for the keys that can, each of the others skipped and named once
 * in the log with its reason; a token signed with a skipped key's private half under its kid is
 * refused. (A document with no usable key is refused at start-up: {@link JwtStartupRefusalTest};
 * the same rules on a JWKS URL, and a withdrawal beside an encryption key: {@link JwksUrlTest}.)
 */
class PublishedKeySetTest {

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse.jwt");

  private EmbeddedServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** One published key: its JSON, and the private key that signs as it, or null. */
  private record Published(String json, Key signer, String kid) {
  }

  private static Published key(KeyPair pair, String kid, Consumer<PublicJsonWebKey> set) {
    try {
      PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
      if (kid != null) {
        jwk.setKeyId(kid);
      }
      set.accept(jwk);
      return new Published(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
          pair.getPrivate(), kid);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jwks(List<Published> keys) {
    return "{\"keys\":[" + String.join(",", keys.stream().map(Published::json).toList()) + "]}";
  }

  private String token(Key signer, String kid) {
    Forge f = Forge.valid(Base64.getEncoder().encodeToString(new byte[32]),
        server.cdi().select(MutableClock.class).get().instant()).header("alg", "RS256")
        .key(signer);
    return kid == null ? f.withoutHeader("kid").sign() : f.header("kid", kid).sign();
  }

  private int me(String token) {
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token).get("/me").statusCode();
  }

  @Test
  void skipsEachKeyThatCannotVerifyThePinnedAlgorithmAndVerifiesWithTheRest() throws Exception {
    Published good = key(Pem.rsa(2048), "good", k -> {
      k.setUse("sig");
      k.setAlgorithm("RS256");
    });
    List<Published> declined = new ArrayList<>();
    declined.add(key(Pem.rsa(2048), "enc", k -> {
      k.setUse("enc");
      k.setAlgorithm("RSA-OAEP");
    }));
    declined.add(key(Pem.rsa(2048), "sign-only", k -> k.setKeyOps(List.of("sign"))));
    declined.add(key(Pem.rsa(2048), "ps256", k -> k.setAlgorithm("PS256")));
    // an RS256 signature cannot be made with an EC key: only the log shows this one skipped
    declined.add(new Published(key(Pem.ec("secp256r1"), "ec", k -> { }).json(), null, "ec"));
    declined.add(key(Pem.rsa(1024), "small", k -> { }));
    declined.add(new Published(key(new KeyPair(Pem.rsaPublic(RocaVectors.VULNERABLE_2048), null),
        "roca", k -> { }).json(), null, "roca"));
    declined.add(key(Pem.rsa(2048), null, k -> { })); // no kid, beside others: the 8th key
    KeyPair withPrivate = Pem.rsa(2048);
    PublicJsonWebKey leaked = PublicJsonWebKey.Factory.newPublicJwk(withPrivate.getPublic());
    leaked.setPrivateKey(withPrivate.getPrivate());
    leaked.setKeyId("leaked");
    declined.add(new Published(leaked.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
        withPrivate.getPrivate(), "leaked"));
    OctetSequenceJsonWebKey oct = new OctetSequenceJsonWebKey(
        new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
    oct.setKeyId("oct");
    declined.add(new Published(oct.toJson(JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC),
        null, "oct"));
    declined.add(key(Pem.rsa(2048), "twice", k -> { }));
    declined.add(key(Pem.rsa(2048), "twice", k -> { }));
    List<Published> all = new ArrayList<>(List.of(good));
    all.addAll(declined);

    server = Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", jwks(all)).build().start();

    assertThat(me(token(good.signer(), "good"))).isEqualTo(200);
    assertThat(me(token(good.signer(), null))).as("no kid: the one usable key").isEqualTo(200);
    for (Published p : declined) {
      if (p.signer() != null) {
        assertThat(me(token(p.signer(), p.kid()))).as("signed by the skipped key " + p.kid())
            .isEqualTo(401);
      }
    }
    String of = " of the configured keys: it ";
    assertThat(log.messages()).filteredOn(m -> m.startsWith("Gatehouse JWT skips")).containsExactly(
        "Gatehouse JWT skips the JWKS key \"enc\"" + of + "is not a signature key (\"use\":"
            + " \"enc\"); a key published for encryption must not verify tokens: configure the"
            + " issuer's signature key, with \"use\": \"sig\" or no \"use\"",
        "Gatehouse JWT skips the JWKS key \"sign-only\"" + of + "does not allow verification (its"
            + " \"key_ops\" lack \"verify\"); configure a key whose key_ops include verify, or"
            + " that has none",
        "Gatehouse JWT skips the JWKS key \"ps256\"" + of + "is for \"alg\": \"PS256\", but"
            + " gatehouse.jwt.algorithm is RS256; one key verifies one algorithm (RFC 8725 §3.1):"
            + " pin the key's algorithm or use a key made for RS256",
        "Gatehouse JWT skips the JWKS key \"ec\"" + of + "holds a non-RSA key, but RS256 needs"
            + " RSA keys",
        "Gatehouse JWT skips the JWKS key \"small\"" + of + "holds an RSA key of 1024 bits; at"
            + " least 2048 are required (RFC 7518 §3.3)",
        "Gatehouse JWT skips the JWKS key \"roca\"" + of + "holds an RSA key with the ROCA"
            + " fingerprint (CVE-2017-15361): its private key can be computed from the public key."
            + " Revoke it and generate a new key pair outside the affected Infineon chips"
            + " (firmware before 2017)",
        "Gatehouse JWT skips the JWKS key #8" + of + "has no kid, and the document holds several"
            + " keys: a token could not name it",
        "Gatehouse JWT skips the JWKS key \"leaked\"" + of + "carries private key material, which"
            + " a published key set must never hold",
        "Gatehouse JWT skips the JWKS key \"oct\"" + of + "is not a public key (kty \"oct\")",
        "Gatehouse JWT skips the JWKS key \"twice\"" + of + "is published under a kid another key"
            + " has too; a token's kid must name one key");
  }

  @Test
  void aLoneKeyWithoutKidIsKnownByItsThumbprintAndVerifiesTokensWithoutKid() {
    KeyPair pair = Pem.rsa(2048);
    server = Servers.base().property("gatehouse.jwt.algorithm", "RS256")
        .property("gatehouse.jwt.verify-keys", jwks(List.of(key(pair, null, k -> { })))).build()
        .start();
    assertThat(me(token(pair.getPrivate(), null))).isEqualTo(200);
    assertThat(me(token(Pem.rsa(2048).getPrivate(), null))).isEqualTo(401);
  }
}
