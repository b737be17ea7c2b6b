package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a forged, stale or malformed access token is refused, over HTTP (HS256 pinned). */
class BearerVerificationTest {

  private static final String SECRET = Servers.secret(32);

  @RegisterExtension
  static final EmbeddedServer server = Servers.hs256(SECRET)
      .property("gatehouse.jwt.max-token-bytes", "4096")
      .build();

  private Instant now;

  @BeforeEach
  void clock() {
    now = server.cdi().select(MutableClock.class).get().instant();
  }

  private Forge valid() {
    return Forge.valid(SECRET, now);
  }

  private static ExtractableResponse<Response> me(String token) {
    return given().header("Authorization", "Bearer " + token).get("/me").then().extract();
  }

  /** Refused with exactly the one generic 401. */
  private static void refused(String token, String expectedReason) {
    RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
    events.clear();
    ExtractableResponse<Response> r = me(token);
    assertThat(r.statusCode()).as(expectedReason).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.jsonPath().getString("detail")).isEqualTo(
        "Authentication is required: the credentials are missing, invalid or expired.");
    assertThat(r.jsonPath().getMap("$")).containsOnlyKeys("type", "title", "status", "detail",
        "requestId");
    assertThat(events.all()).extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.AUTHENTICATION_FAILED);
    if (expectedReason != null) {
      assertThat(events.all().get(0).reason()).isEqualTo(expectedReason);
    }
  }

  @Test
  void acceptsAValidTokenAndExposesItToTheApplication() {
    me(valid().claim("groups", List.of("admin")).sign());
    given().header("Authorization", "Bearer " + valid().claim("groups", List.of("admin")).sign())
        .get("/me").then().statusCode(200)
        .body("sub", equalTo("alice")).body("admin", equalTo(true))
        .body("scheme", equalTo("Bearer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void rejectsUnsignedTokensInEverySpellingOfNone(String alg) {
    refused(valid().header("alg", alg).unsigned(), "malformed");
    refused(valid().header("alg", alg).unsigned() + "c2lnbmF0dXJl", "algorithm_not_pinned");
  }

  @Test
  void rejectsTokenSignedWithUnpinnedAlgorithmEvenWithTheRightSecret() {
    byte[] secret = Base64.getDecoder().decode(SECRET);
    refused(valid().header("alg", "HS384").key(new HmacKey(secret)).sign(),
        "algorithm_not_pinned");
    refused(valid().header("alg", "HS512").key(new HmacKey(secret)).sign(),
        "algorithm_not_pinned");
  }

  @Test
  void rejectsTokenSignedWithAnRsaKey() throws Exception {
    var kp = KeyPairGenerator.getInstance("RSA");
    kp.initialize(2048);
    refused(valid().header("alg", "RS256").key(kp.generateKeyPair().getPrivate()).sign(),
        "algorithm_not_pinned");
  }

  @Test
  void rejectsTokenSignedWithAnotherSecret() {
    refused(valid().key(new HmacKey(Base64.getDecoder().decode(Servers.secret(32)))).sign(),
        "bad_signature");
  }

  @Test
  void rejectsEmbeddedJwkJkuX5uAndX5cHeadersEvenOnAGenuineSignature() throws Exception {
    RsaJsonWebKey attacker = RsaJwkGenerator.generateJwk(2048);
    refused(valid().header("jwk", attacker.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel
        .PUBLIC_ONLY)).sign(), "forbidden_header_jwk");
    refused(valid().header("jku", "https://attacker.example/jwks.json").sign(),
        "forbidden_header_jku");
    refused(valid().header("x5u", "https://attacker.example/cert.pem").sign(),
        "forbidden_header_x5u");
    refused(valid().header("x5c", List.of("MIIB")).sign(), "forbidden_header_x5c");
  }

  @Test
  void acceptsACertificateThumbprintBesideTheKidWhichStillSelectsTheKey() {
    // Entra ID v1.0 access tokens carry x5t beside kid; it names a certificate, carries no key
    String thumbprint = "i6lGk3FZzxRcUb2C3nEQ7syHJlY";
    assertThat(me(valid().header("x5t", thumbprint).sign()).statusCode()).isEqualTo(200);
    assertThat(me(valid().header("x5t#S256", thumbprint + "i6lGk3FZzxRcUb2C3nE").sign())
        .statusCode()).isEqualTo(200);
    refused(valid().header("x5t", thumbprint)
        .key(new HmacKey(Base64.getDecoder().decode(Servers.secret(32)))).sign(),
        "bad_signature");
    refused(valid().header("x5t", thumbprint).header("kid", "hs-other").sign(), "unknown_kid");
  }

  @Test
  void rejectsCriticalHeaderExtensions() {
    refused(valid().header("crit", List.of("x-policy")).header("x-policy", "1").sign(),
        "forbidden_header_crit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../../../dev/null", "/etc/passwd", "' or 1=1 --", "hs-unknown", ""})
  void rejectsKidsThatNameNoConfiguredKey(String kid) {
    refused(valid().header("kid", kid).sign(), "unknown_kid");
  }

  @Test
  void acceptsAMissingKidWhenOnlyOneKeyIsConfigured() {
    assertThat(me(valid().withoutHeader("kid").sign()).statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsExpiredTokens() {
    refused(valid().claim("iat", now.getEpochSecond() - 1200)
        .claim("exp", now.getEpochSecond() - 600).sign(), "expired");
  }

  @Test
  void aTokenAcceptedBeforeIsRefusedOnceItExpires() {
    String token = valid().claim("iat", now.getEpochSecond())
        .claim("exp", now.getEpochSecond() + 60).sign();
    assertThat(me(token).statusCode()).isEqualTo(200);
    assertThat(me(token).statusCode()).as("verified before, still valid").isEqualTo(200);

    server.cdi().select(MutableClock.class).get().advance(Duration.ofSeconds(60 + 30 + 1));
    refused(token, "expired");
  }

  @Test
  void aTokenAcceptedBeforeIsRefusedOnceItsSubjectLoggedOutEverywhere() {
    String token = given().contentType("application/json").body(Map.of("subject", "leaver"))
        .post("/auth/login").then().statusCode(200).extract().path("access_token");
    assertThat(me(token).statusCode()).isEqualTo(200);
    given().header("Authorization", "Bearer " + token).post("/auth/logout-all")
        .then().statusCode(204);
    refused(token, "token_revoked");
  }

  @Test
  void toleratesTheConfiguredClockSkewOnly() {
    assertThat(me(valid().claim("iat", now.getEpochSecond() - 600)
        .claim("exp", now.getEpochSecond() - 20).sign()).statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsTokensNotYetValid() {
    refused(valid().claim("nbf", now.getEpochSecond() + 300).sign(), null);
  }

  @Test
  void rejectsTokensIssuedInTheFuture() {
    refused(valid().claim("iat", now.getEpochSecond() + 300)
        .claim("exp", now.getEpochSecond() + 900).sign(), "issued_in_future");
  }

  @Test
  void rejectsCorrectlySignedTokensThatLiveTooLong() {
    refused(valid().claim("exp", now.getEpochSecond() + 7200).sign(), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "aud", "exp", "iat", "sub", "jti"})
  void rejectsTokensMissingARequiredClaim(String claim) {
    refused(valid().without(claim).sign(), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jti", "sub", "nbf", "sid"})
  void rejectsAGenuineSignatureOverAClaimOfTheWrongType(String claim) {
    refused(valid().claim(claim, claim.equals("nbf") ? "soon" : (Object) List.of(42)).sign(),
        null);
  }

  @Test
  void rejectsWrongIssuerAndAudience() {
    refused(valid().claim("iss", "https://evil.test").sign(), null);
    refused(valid().claim("aud", "another-api").sign(), null);
    refused(valid().claim("aud", List.of("another-api", "third")).sign(), null);
  }

  @Test
  void rejectsATamperedPayload() {
    String[] parts = valid().sign().split("\\.");
    String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("alice", "admin1")
            .getBytes());
    refused(parts[0] + "." + forgedPayload + "." + parts[2], "bad_signature");
  }

  @Test
  void rejectsAStrippedSignature() {
    String[] parts = valid().sign().split("\\.");
    refused(parts[0] + "." + parts[1] + ".", "malformed");
    refused(parts[0] + "." + parts[1], "malformed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "a.b.c", "....", "e30.e30.e30", "eyJhbGciOiJIUzI1NiJ9..",
      "Zm9v.YmFy.YmF6", "%00", "Bearer x"})
  void rejectsGarbage(String token) {
    refused(token, null);
  }

  /** The spellings of a base64url part that decode to the same bytes, canonical one first. */
  static List<String> spellings(String part) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int spare = part.length() % 4 == 2 ? 0x0f : part.length() % 4 == 3 ? 0x03 : 0;
    int last = alphabet.indexOf(part.charAt(part.length() - 1));
    List<String> out = new java.util.ArrayList<>();
    for (int bits = 0; bits <= spare; bits++) {
      out.add(part.substring(0, part.length() - 1) + alphabet.charAt(last | bits));
    }
    return out;
  }

  @Test
  void aSignatureIsAcceptedOnlyInItsCanonicalSpelling() {
    String[] parts = valid().sign().split("\\.");
    List<String> signatures = spellings(parts[2]);
    assertThat(signatures).hasSize(4); // 43 characters: 2 bits of the last one encode nothing
    assertThat(me(parts[0] + "." + parts[1] + "." + signatures.get(0)).statusCode())
        .isEqualTo(200);
    for (String other : signatures.subList(1, 4)) {
      assertThat(Base64.getUrlDecoder().decode(other))
          .isEqualTo(Base64.getUrlDecoder().decode(signatures.get(0)));
      refused(parts[0] + "." + parts[1] + "." + other, "non_canonical_base64");
    }
  }

  @Test
  void nonCanonicalHeadersAndPayloadsAreRefusedBeforeDecoding() {
    int checked = 0;
    for (int pad = 0; pad < 4; pad++) {
      String[] parts = valid().header("x", "y".repeat(pad)).claim("p", "q".repeat(pad)).sign()
          .split("\\.");
      for (int part = 0; part < 2; part++) {
        List<String> spellings = spellings(parts[part]);
        for (String other : spellings.subList(1, spellings.size())) {
          String[] forged = parts.clone();
          forged[part] = other;
          refused(String.join(".", forged), "non_canonical_base64");
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"=", "==", "+", "/", "%3D", "\\"})
  void paddingAndCharactersOutsideTheBase64urlAlphabetAreRefused(String extra) {
    String[] parts = valid().sign().split("\\.");
    refused(parts[0] + "." + parts[1] + "." + parts[2] + extra, "malformed");
    refused(parts[0] + extra + "." + parts[1] + "." + parts[2], "malformed");
  }

  @Test
  void standardBase64SpellingsOfUrlCharactersAreRefused() {
    for (int i = 0; i < 64; i++) {
      String token = valid().claim("n", "?>?>".repeat(i)).sign();
      if (token.contains("-") || token.contains("_")) {
        refused(token.replace('-', '+').replace('_', '/'), "malformed");
        return;
      }
    }
    throw new AssertionError("no token with - or _ found");
  }

  @Test
  void rejectsOversizedTokensBeforeDecoding() {
    refused(valid().claim("pad", "x".repeat(4000)).sign(), "token_too_large");
  }

  @Test
  void neverReadsTokensFromTheQueryString() {
    given().queryParam("access_token", valid().sign()).get("/me").then().statusCode(401)
        .header("WWW-Authenticate", "Bearer");
  }

  @Test
  void otherSchemesDoNotAuthenticate() {
    given().header("Authorization", "Basic YWxpY2U6c2VjcmV0").get("/me").then().statusCode(401);
  }

  @Test
  void aRefreshTokenIsNotABearerToken() {
    String refresh = given().contentType("application/json").body(Map.of("subject", "bob"))
        .post("/auth/login").then().statusCode(200).extract().path("refresh_token");
    refused(refresh, "malformed");
  }

  @Test
  void allFailuresLookTheSame() {
    ExtractableResponse<Response> expired = me(valid().claim("exp", now.getEpochSecond() - 600)
        .claim("iat", now.getEpochSecond() - 900).sign());
    ExtractableResponse<Response> forged = me(valid().header("alg", "none").unsigned());
    assertThat(expired.jsonPath().getString("detail"))
        .isEqualTo(forged.jsonPath().getString("detail"));
    assertThat(expired.header("WWW-Authenticate")).isEqualTo(forged.header("WWW-Authenticate"));
  }
}
