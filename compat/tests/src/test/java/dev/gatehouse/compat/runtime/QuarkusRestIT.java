package dev.gatehouse.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Quarkus 3.33 with Quarkus REST (quarkus-rest, quarkus-rest-jackson, quarkus-hibernate-validator):
 * the application and Gatehouse found by Quarkus's own scanning, no Gatehouse-specific setting.
 */
class QuarkusRestIT extends QuarkusContract {

  @Override
  String module() {
    return "quarkus-rest";
  }

  @Override
  protected boolean runtimeSendsAllowOn405() {
    return false;
  }

  /**
   * An {@code @Owned} id bound by Quarkus's own {@code @RestPath}: its owner gets the object,
   * anyone else the same 404 as for a missing id.
   */
  @Test
  void anOwnedIdBoundByRestPathIsResolvedForItsOwnerOnly() {
    io.restassured.specification.RequestSpecification alice = io.restassured.RestAssured.given()
        .baseUri(runtime().baseUri().toString())
        .header("Authorization", "Bearer " + tokens().valid("alice", "user"));
    io.restassured.response.ExtractableResponse<io.restassured.response.Response> mine =
        alice.get("rest-path/items/1").then().extract();
    assertThat(mine.statusCode()).as(mine.asString()).isEqualTo(200);
    assertThat(mine.jsonPath().getString("name")).isEqualTo("alice's lamp");
    io.restassured.response.ExtractableResponse<io.restassured.response.Response> bobs =
        io.restassured.RestAssured.given().baseUri(runtime().baseUri().toString())
            .header("Authorization", "Bearer " + tokens().valid("alice", "user"))
            .get("rest-path/items/2").then().extract();
    assertThat(bobs.statusCode()).isEqualTo(404);
    assertThat(bobs.asString()).doesNotContain("bob's chair");
  }

  /** Quarkus's own JWT extension verifies tokens before Jakarta REST: never two verifiers. */
  @Test
  void refusesToStartBesideQuarkusSmallryeJwt() {
    assertThat(QuarkusApps.refusal("compat.quarkus-rest-smallrye-jwt", tokens()))
        .contains("Gatehouse refuses to start")
        .contains("the Quarkus extension quarkus-smallrye-jwt verifies bearer tokens before"
            + " Gatehouse, with its own rules; remove the dependency io.quarkus:quarkus-smallrye-jwt");
  }

  /**
   * The application has a Prometheus registry (quarkus-micrometer-registry-prometheus, as services
   * that alert from Prometheus do): Gatehouse's counters are in Quarkus's {@code /q/metrics}, with
   * bounded labels — the refusal's type and reason, never its subject, address or path.
   */
  @Test
  void gatehousesCountersAreScrapedFromTheApplicationsPrometheusRegistry() {
    String base = runtime().baseUri().toString();
    io.restassured.RestAssured.given().baseUri(base).get("me").then().statusCode(401);
    io.restassured.RestAssured.given().baseUri(base)
        .header("Authorization", "Bearer " + tokens().otherKey("metrics-mallory"))
        .get("me").then().statusCode(401);
    io.restassured.RestAssured.given().baseUri(base)
        .header("Authorization", "Bearer " + tokens().valid("metrics-alice"))
        .get("me").then().statusCode(200);
    String scraped = io.restassured.RestAssured.given().baseUri(runtime().serverRoot().toString())
        .get("q/metrics").then().statusCode(200).extract().asString();
    assertThat(scraped.lines().filter(l -> l.startsWith("gatehouse_security_events_total{")))
        .anySatisfy(l -> assertThat(l).contains("type=\"AUTHENTICATION_FAILED\"")
            .contains("reason=\"anonymous\""))
        .anySatisfy(l -> assertThat(l).contains("type=\"AUTHENTICATION_FAILED\"")
            .contains("reason=\"bad_signature\""));
    assertThat(scraped.lines().filter(l -> l.startsWith("gatehouse_token_verifications_total{")))
        .anySatisfy(l -> assertThat(l).contains("outcome=\"valid\""));
    assertThat(scraped).doesNotContain("metrics-mallory").doesNotContain("metrics-alice")
        .doesNotContain("127.0.0.1");
  }
}
