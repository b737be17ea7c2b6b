package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.ScrapeResource;
import dev.gatehouse.jwt.support.Forge;
import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token verifications and key refreshes as an operator scrapes them from a real Prometheus
 * registry over HTTP, on a service whose keys come from a JWKS URL the test serves and changes.
 * Time is the test clock's.
 */
class JwtMetricsTest {

  private static final KeyPair A = Pem.ec("secp256r1");
  private static final KeyPair B = Pem.ec("secp256r1");

  private JwksUrlTest.Jwks jwks;
  private EmbeddedServer server;
  private MutableClock clock;

  @BeforeEach
  void start() throws Exception {
    ScrapeResource.fresh();
    jwks = new JwksUrlTest.Jwks(JwksUrlTest.jwks("a", A));
    server = Servers.base().register(ScrapeResource.class)
        .property("gatehouse.jwt.algorithm", "ES256")
        .property("gatehouse.jwt.verify-keys-url", jwks.url())
        .build().start();
    clock = server.cdi().select(MutableClock.class).get();
  }

  @AfterEach
  void stop() {
    server.stop();
    jwks.close();
  }

  private String token(KeyPair signer, String kid, Instant issued) {
    return Forge.valid(Base64.getEncoder().encodeToString(new byte[32]), issued)
        .header("alg", "ES256").header("kid", kid).key(signer.getPrivate()).sign();
  }

  private int me(String token) {
    return given().baseUri(server.baseUri().toString())
        .header("Authorization", "Bearer " + token).get("/me").statusCode();
  }

  private double scraped(String series) {
    String scrape = given().baseUri(server.baseUri().toString()).get("/metrics").then()
        .statusCode(200).extract().asString();
    assertThat(scrape).doesNotContain("subject-").doesNotContain("/me");
    return ScrapeResource.value(scrape, series);
  }

  @Test
  void verificationsAreCountedByOutcomeAndCacheUse() {
    String valid = token(A, "a", clock.instant());
    assertThat(me(valid)).isEqualTo(200);
    assertThat(me(valid)).isEqualTo(200);
    assertThat(me(token(A, "a", clock.instant().minus(Duration.ofHours(1))))).isEqualTo(401);
    assertThat(me(token(B, "a", clock.instant()))).as("another key under kid a").isEqualTo(401);
    assertThat(scraped("gatehouse_token_verifications_total{cache=\"miss\",outcome=\"valid\"}"))
        .isEqualTo(1.0);
    assertThat(scraped("gatehouse_token_verifications_total{cache=\"hit\",outcome=\"valid\"}"))
        .isEqualTo(1.0);
    assertThat(scraped("gatehouse_token_verifications_total{cache=\"miss\",outcome=\"expired\"}"))
        .isEqualTo(1.0);
    assertThat(scraped(
        "gatehouse_token_verifications_total{cache=\"miss\",outcome=\"bad_signature\"}"))
        .isEqualTo(1.0);
    assertThat(scraped(
        "gatehouse_security_events_total{reason=\"expired\",type=\"AUTHENTICATION_FAILED\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void aTokenRefusedOnACacheHitIsCountedAsAHit() {
    String valid = token(A, "a", clock.instant());
    assertThat(me(valid)).isEqualTo(200);
    clock.advance(Duration.ofHours(1));
    assertThat(me(valid)).isEqualTo(401);
    assertThat(scraped("gatehouse_token_verifications_total{cache=\"hit\",outcome=\"expired\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void keyRefreshesAreCountedWithTheirFailures() {
    jwks.publish(JwksUrlTest.jwks("a", A, "b", B));
    clock.advance(JwtSettings.DEFAULT_UNKNOWN_KID_REFETCH);
    assertThat(me(token(B, "b", clock.instant()))).as("fetched for the unknown kid b")
        .isEqualTo(200);
    assertThat(scraped("gatehouse_key_refreshes_total{outcome=\"ok\"}")).isEqualTo(1.0);

    jwks.fail(500, "down");
    clock.advance(JwtSettings.DEFAULT_UNKNOWN_KID_REFETCH);
    assertThat(me(token(B, "c", clock.instant()))).isEqualTo(401);
    assertThat(scraped("gatehouse_key_refreshes_total{outcome=\"failed\"}")).isEqualTo(1.0);
    assertThat(scraped(
        "gatehouse_security_events_total{reason=\"key_refresh_failed\",type=\"SERVER_ERROR\"}"))
        .isEqualTo(1.0);
  }
}
