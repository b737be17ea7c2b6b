package dev.gatehouse.testkit;

import static dev.gatehouse.testkit.KeycloakRealm.ALICE;
import static dev.gatehouse.testkit.KeycloakRealm.ALICE_PASSWORD;
import static dev.gatehouse.testkit.KeycloakRealm.BOB;
import static dev.gatehouse.testkit.KeycloakRealm.BOB_PASSWORD;
import static dev.gatehouse.testkit.KeycloakRealm.NOTES_API;
import static dev.gatehouse.testkit.KeycloakRealm.NOTES_API_SECRET;
import static dev.gatehouse.testkit.KeycloakRealm.NOTES_WEB;
import static dev.gatehouse.testkit.KeycloakRealm.NOTES_WEB_SECRET;
import static dev.gatehouse.testkit.KeycloakRealm.OTHER_APP;
import static dev.gatehouse.testkit.KeycloakRealm.OTHER_APP_SECRET;
import static dev.gatehouse.testkit.KeycloakRealm.SCOPE_READ;
import static dev.gatehouse.testkit.KeycloakRealm.SCOPE_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak harness gives what the identity-provider tests rely on: discovery, a JWKS as
 * Keycloak publishes it, tokens of both grants shaped as a default realm shapes them, a key
 * rotation through the admin API that the JWKS follows, and a logout. Writes the tokens' headers
 * and claims to {@code target/keycloak-token-shapes.txt} and the start-up times to
 * {@code target/keycloak-timings.txt}.
 */
class KeycloakTestServerIT {

  private static final KeycloakTestServer keycloak = KeycloakTestServer.shared();
  private static final KeycloakHttp http = new KeycloakHttp();
  private static final Duration JWKS_CHANGE_LIMIT = Duration.ofSeconds(30);
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
  private static final Path SHAPES = Path.of("target", "keycloak-token-shapes.txt");
  private static final Path TIMINGS = Path.of("target", "keycloak-timings.txt");

  private static long startedAt;

  @BeforeAll
  static void start() throws IOException {
    startedAt = System.nanoTime();
    keycloak.start();
    long took = (System.nanoTime() - startedAt) / 1_000_000;
    String line = keycloak.isEmbedded()
        ? String.format("%s start: ready %d ms after kc.sh started; build step %s; unpacking %s; "
            + "start() took %d ms%n", Instant.now(), keycloak.readyMillis(),
            keycloak.augmented() ? "ran" : "reused",
            keycloak.unpackMillis() > 0 ? keycloak.unpackMillis() + " ms" : "reused", took)
        : String.format("%s %s: realm checked in %d ms%n", Instant.now(),
            KeycloakTestServer.URL_ENV, took);
    System.out.print(line);
    Files.writeString(TIMINGS, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Files.deleteIfExists(SHAPES);
  }

  @AfterAll
  static void total() throws IOException {
    String line = String.format("%s the IT's tests and start together: %d ms%n", Instant.now(),
        (System.nanoTime() - startedAt) / 1_000_000);
    Files.writeString(TIMINGS, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  void theDiscoveryDocumentNamesTheIssuerAndItsKeySet() {
    Map<String, Object> discovery = json(keycloak.issuer() + "/.well-known/openid-configuration");

    assertThat(keycloak.issuer()).endsWith("/realms/" + KeycloakRealm.NAME);
    assertThat(discovery).containsEntry("issuer", keycloak.issuer())
        .containsEntry("jwks_uri", keycloak.jwksUri());
  }

  @Test
  void theKeySetHoldsAnRs256SignatureKeyAndAnRsaOaepEncryptionKey() {
    List<Map<String, Object>> keys = keys();

    assertThat(keys).anySatisfy(k -> assertThat(k).containsEntry("kty", "RSA")
        .containsEntry("alg", "RS256").containsEntry("use", "sig").containsKey("kid"));
    assertThat(keys).anySatisfy(k -> assertThat(k).containsEntry("kty", "RSA")
        .containsEntry("alg", "RSA-OAEP").containsEntry("use", "enc"));
  }

  @Test
  void alicesPasswordGrantTokenCarriesHerRolesTheApisAudienceAndTheScopeSheAskedFor()
      throws IOException {
    KeycloakTokens alice = keycloak.passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, ALICE,
        ALICE_PASSWORD, SCOPE_READ);
    Map<String, Object> claims = alice.accessTokenClaims();

    assertThat(alice.accessTokenHeader()).containsEntry("alg", "RS256").containsEntry("typ", "JWT")
        .containsEntry("kid", keycloak.activeRsaSigningKey().kid());
    assertThat(verifiedByTheKeySet(alice.accessToken())).isTrue();
    assertThat(claims).containsEntry("iss", keycloak.issuer()).containsEntry("azp", NOTES_WEB)
        .containsEntry("typ", "Bearer").containsEntry("preferred_username", ALICE)
        .containsKeys("sub", "sid", "jti", "exp", "iat");
    assertThat(claims.get("aud")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(NOTES_API);
    assertThat(claims.get("realm_access")).asString().contains("reader", "writer");
    assertThat(claims.get("resource_access")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry(NOTES_API, Map.of("roles", List.of("admin")));
    assertThat(((String) claims.get("scope")).split(" ")).contains(SCOPE_READ)
        .doesNotContain(SCOPE_WRITE);
    assertThat(alice.refreshToken()).isNotNull();
    assertThat(alice.idToken()).as("no openid scope asked for").isNull();

    record("password grant: notes-web for alice, scope notes:read", alice);
    record("password grant: notes-web for alice, scope openid notes:read notes:write",
        keycloak.passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, ALICE, ALICE_PASSWORD, "openid",
            SCOPE_READ, SCOPE_WRITE));
    record("password grant: notes-web for bob, no scope",
        keycloak.passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, BOB, BOB_PASSWORD));
  }

  @Test
  void aClientCredentialsTokenIsTheServiceAccountsWithItsRealmRole() throws IOException {
    KeycloakTokens service = keycloak.clientCredentials(NOTES_WEB, NOTES_WEB_SECRET, SCOPE_WRITE);
    Map<String, Object> claims = service.accessTokenClaims();

    assertThat(verifiedByTheKeySet(service.accessToken())).isTrue();
    assertThat(claims).containsEntry("azp", NOTES_WEB).containsEntry("client_id", NOTES_WEB)
        .containsEntry("preferred_username", "service-account-notes-web")
        .doesNotContainKey("sid");
    assertThat(claims.get("aud")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(NOTES_API);
    assertThat(claims.get("realm_access")).asString().contains("reader").doesNotContain("writer");
    assertThat((String) claims.get("scope")).contains(SCOPE_WRITE);
    assertThat(service.refreshToken()).as("RFC 6749 §4.4.3: no refresh token").isNull();

    record("client credentials: notes-web, scope notes:write", service);
    record("client credentials: notes-api, no scope",
        keycloak.clientCredentials(NOTES_API, NOTES_API_SECRET));
  }

  @Test
  void anotherClientsTokensDoNotNameTheApiAsTheirAudience() throws IOException {
    KeycloakTokens bob = keycloak.passwordGrant(OTHER_APP, OTHER_APP_SECRET, BOB, BOB_PASSWORD,
        SCOPE_READ);
    KeycloakTokens service = keycloak.clientCredentials(OTHER_APP, OTHER_APP_SECRET);

    for (KeycloakTokens other : List.of(bob, service)) {
      Map<String, Object> claims = other.accessTokenClaims();
      assertThat(claims).containsEntry("azp", OTHER_APP);
      assertThat(String.valueOf(claims.get("aud"))).doesNotContain(NOTES_API);
    }
    assertThat((String) bob.accessTokenClaims().get("scope")).contains(SCOPE_READ);

    record("password grant: other-app for bob, scope notes:read", bob);
    record("client credentials: other-app, no scope", service);
  }

  @Test
  void aNewKeyOfHigherPrioritySignsAtOnceAndTheDisabledOldKeyLeavesTheKeySet() {
    KeycloakKey old = keycloak.activeRsaSigningKey();

    KeycloakKey added = keycloak.addRsaSigningKey(old.priority() + 100);
    assertThat(added.kid()).isNotEqualTo(old.kid());
    awaitKeySet("the new kid " + added.kid() + " published", kids -> kids.contains(added.kid()));
    KeycloakTokens signedByNewKey = keycloak.clientCredentials(NOTES_WEB, NOTES_WEB_SECRET);
    assertThat(signedByNewKey.accessTokenHeader()).containsEntry("kid", added.kid());
    assertThat(keycloak.activeRsaSigningKey()).isEqualTo(added);

    keycloak.disableKeyProvider(old.componentId());
    awaitKeySet("the old kid " + old.kid() + " withdrawn", kids -> !kids.contains(old.kid()));
    assertThat(verifiedByTheKeySet(signedByNewKey.accessToken())).isTrue();
    assertThat(keycloak.clientCredentials(NOTES_WEB, NOTES_WEB_SECRET).accessTokenHeader())
        .containsEntry("kid", added.kid());
  }

  @Test
  void loggingAliceOutEndsHerSessionButHerAccessTokenStaysAValidJwtUntilItExpires() {
    KeycloakTokens alice = keycloak.passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, ALICE,
        ALICE_PASSWORD);
    assertThat(keycloak.introspect(NOTES_API, NOTES_API_SECRET, alice.accessToken()))
        .containsEntry("active", true);

    keycloak.logout(ALICE);

    assertThatThrownBy(() -> keycloak.refresh(NOTES_WEB, NOTES_WEB_SECRET, alice.refreshToken()))
        .hasMessageContaining("400").hasMessageContaining("invalid_grant");
    assertThat(keycloak.introspect(NOTES_API, NOTES_API_SECRET, alice.accessToken()))
        .containsEntry("active", false);
    assertThat(verifiedByTheKeySet(alice.accessToken()))
        .as("signed by a key still in the JWKS: only a check with Keycloak sees the logout")
        .isTrue();
    assertThat(((Number) alice.accessTokenClaims().get("exp")).longValue())
        .isGreaterThan(Instant.now().getEpochSecond());
  }

  private static void awaitKeySet(String what, Predicate<List<Object>> done) {
    BoundedPoll.until(JWKS_CHANGE_LIMIT, what, () -> {
      List<Object> kids = keys().stream().map(k -> k.get("kid")).toList();
      return done.test(kids) ? Optional.of(kids) : Optional.empty();
    });
  }

  /** Checks the RS256 signature with the JWKS key the header names, as a resource server would. */
  private static boolean verifiedByTheKeySet(String jws) {
    Object kid = KeycloakTokens.part(jws, 0).get("kid");
    Map<String, Object> jwk = keys().stream().filter(k -> kid.equals(k.get("kid"))).findFirst()
        .orElseThrow(() -> new AssertionError("no key " + kid + " in the JWKS"));
    try {
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
          unsigned((String) jwk.get("n")), unsigned((String) jwk.get("e"))));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      int lastDot = jws.lastIndexOf('.');
      rs256.update(jws.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
      return rs256.verify(Base64.getUrlDecoder().decode(jws.substring(lastDot + 1)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static BigInteger unsigned(String base64Url) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> keys() {
    return (List<Map<String, Object>>) json(keycloak.jwksUri()).get("keys");
  }

  private static Map<String, Object> json(String uri) {
    return KeycloakHttp.JSON.convertValue(http.get(URI.create(uri), null).expect(200).json(),
        OBJECT);
  }

  /** Appends the tokens' headers and claims (never their signatures) to the shapes file. */
  private static synchronized void record(String title, KeycloakTokens tokens)
      throws IOException {
    StringBuilder out = new StringBuilder("== ").append(title).append('\n')
        .append("token response scope: ").append(tokens.scope())
        .append(", expires_in: ").append(tokens.expiresIn()).append('\n');
    append(out, "access token", tokens.accessToken());
    append(out, "ID token", tokens.idToken());
    append(out, "refresh token", tokens.refreshToken());
    Files.writeString(SHAPES, out.append('\n'), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void append(StringBuilder out, String name, String jws) throws IOException {
    if (jws == null) {
      out.append(name).append(": none\n");
      return;
    }
    var writer = KeycloakHttp.JSON.writer().with(SerializationFeature.INDENT_OUTPUT);
    out.append(name).append(" header: ")
        .append(writer.writeValueAsString(KeycloakTokens.part(jws, 0))).append('\n')
        .append(name).append(" claims: ")
        .append(writer.writeValueAsString(KeycloakTokens.part(jws, 1))).append('\n');
  }
}
