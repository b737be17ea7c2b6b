package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.support.AllocationBudget;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.support.Servers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * {@code gatehouse.jwt.verify-keys} of any text — PEM public keys ({@link PemKeys}) or a JWKS
 * document ({@link JwksKeys}) — read at start-up by {@link JwtSettings.Builder#verificationKeys}
 * for RS256, ES256 and EdDSA.
 *
 * <p>Invariant: the settings are built, or start-up is refused with an
 * {@link IllegalArgumentException} whose message begins with the property at fault — never another
 * exception, never a hang (10 s per input). Every key accepted is fit for the algorithm: RSA of at
 * least 2048 bits, EC on P-256, Ed25519/Ed448; a PEM key is known by its RFC 7638 thumbprint, a
 * JWKS key by a {@code kid} the document states (as Jackson reads it) or, alone without one, by
 * its thumbprint; keys that do not fit are skipped, and a document with none that fits refused. One start-up allocates at
 * most 4 MiB + 16 KiB per input byte: the ROCA test ({@link RocaFingerprint}) allocates about
 * 4.5 MB per RSA key, and an RSA key takes at least about 360 bytes of PEM or JWKS — a start-up
 * cost, not a per-request one.
 */
class VerificationKeysFuzzTest {

  private static final AllocationBudget BUDGET = new AllocationBudget(4 * 1024 * 1024, 16 * 1024);
  private static final List<String> ALGORITHMS = List.of("RS256", "ES256", "EdDSA");
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest
  @Timeout(10)
  void verificationKeysAreCheckedOrRefusedAtStartUp(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    for (String alg : ALGORITHMS) {
      AllocationBudget.Outcome<JwtSettings> o = BUDGET.run(input.length,
          () -> JwtSettings.builder().issuer(Servers.ISSUER).audience(Servers.AUDIENCE)
              .algorithm(alg).verificationKeys(text).build());
      if (o.thrown() != null) {
        assertThat(o.thrown()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(JwtSettings.VERIFY_KEYS + ": ");
        continue;
      }
      Map<String, Key> keys = SettingsKeys.of(o.value()).verificationKeys();
      assertThat(keys).isNotEmpty();
      for (Map.Entry<String, Key> e : keys.entrySet()) {
        Key key = e.getValue();
        switch (alg) {
          case "RS256" -> assertThat(((RSAPublicKey) key).getModulus().bitLength())
              .isGreaterThanOrEqualTo(2048);
          case "ES256" -> assertThat(((ECPublicKey) key).getParams().getCurve().getField()
              .getFieldSize()).isEqualTo(256);
          default -> assertThat(key).isInstanceOf(EdECPublicKey.class);
        }
        if (PemKeys.isPem(text)) {
          assertThat(e.getKey()).isEqualTo(org.jose4j.jwk.PublicJsonWebKey.Factory
              .newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256"));
        } else {
          Set<String> stated = statedKids(text);
          if (stated != null && !stated.contains(e.getKey())) {
            // a lone key without a kid is known by its thumbprint, as a PEM key is
            assertThat(e.getKey()).isEqualTo(org.jose4j.jwk.PublicJsonWebKey.Factory
                .newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256"));
          }
        }
      }
    }
  }

  /** The kids the document states, read by Jackson; null when Jackson does not read it. */
  private static Set<String> statedKids(String text) {
    try {
      Set<String> kids = new HashSet<>();
      for (JsonNode key : JSON.readTree(text).path("keys")) {
        if (key.path("kid").isTextual()) {
          kids.add(key.path("kid").textValue());
        }
      }
      return kids;
    } catch (IOException notJson) {
      return null; // jose4j's parser read it; nothing to compare with
    }
  }
}
