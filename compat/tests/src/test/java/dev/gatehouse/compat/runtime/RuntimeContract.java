package dev.gatehouse.compat.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract every runtime must keep for the compatibility application — the same requests,
 * the same answers, whatever serves them. Each runtime's test class starts its runtime once
 * ({@link #runtime()}) and knows how to start the application with an undeclared endpoint
 * ({@link #refusalOfTheBrokenApplication()}).
 */
public abstract class RuntimeContract {

  /** Class names, packages, stack frames: none may reach a client. */
  private static final Pattern LEAK = Pattern.compile(
      "[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*\\.[A-Za-z_$][\\w$]*|Exception|\\bat [\\w$.]+\\(|\\.java:\\d");
  private static final String ALLOWED = "https://app.example.com";

  /** The runtime under test, started by the subclass. */
  protected abstract RuntimeUnderTest runtime();

  /** The signing key the runtime was started with. */
  protected abstract Tokens tokens();

  /** Where the runtime writes its endpoint report ({@code gatehouse.lint.report-file}). */
  protected abstract java.nio.file.Path endpointReportFile();

  /** What the report-only instance does not enforce ({@code gatehouse.rollout.report-only}). */
  static final String REPORT_ONLY_CHECKS = "jwt,json";

  /**
   * The application started a second time with the same key and
   * {@code gatehouse.rollout.report-only=}{@value #REPORT_ONLY_CHECKS}, on first use.
   */
  protected abstract RuntimeUnderTest reportOnlyRuntime();

  /**
   * Starts the application with an undeclared endpoint added, expecting the runtime to refuse it,
   * and returns what it reported.
   */
  protected abstract String refusalOfTheBrokenApplication();

  /** The JSON binding that writes the application's own responses on this runtime. */
  protected enum JsonBinding {
    /** Jakarta JSON Binding (Yasson): WildFly and Payara, unless the application chose Jackson. */
    JSON_B,
    /** Jackson: quarkus-rest-jackson, quarkus-resteasy-jackson, Jersey's Jackson feature. */
    JACKSON
  }

  /** Which JSON binding this runtime gives the application when it brings none of its own. */
  protected abstract JsonBinding applicationJson();

  private RequestSpecification request() {
    return given().baseUri(runtime().baseUri().toString()).urlEncodingEnabled(true)
        .redirects().follow(false);
  }

  private RequestSpecification as(String subject, String... roles) {
    return request().header("Authorization", "Bearer " + tokens().valid(subject, roles));
  }

  // ---- security headers and error bodies ----

  @Test
  void successfulResponsesCarryTheSecurityHeadersAndNoBanner() {
    ExtractableResponse<Response> r = request().get("public").then().extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertSecurityHeaders(r);
    assertThat(r.jsonPath().getBoolean("ok")).isTrue();
  }

  @Test
  void errorsCarryTheSecurityHeadersAndAProblemWithoutClassNames() {
    assertProblem(request().get("admin").then().extract(), 401);
    assertProblem(request().get("no/such/path").then().extract(), 404);
    assertProblem(as("alice", "user").get("admin").then().extract(), 403);
    assertProblem(postItem(Tokens.freshSubject("err"), "{\"name\":").extract(), 400);
  }

  // The application has its own ExceptionMapper<Exception> that echoes class names and messages
  // (EchoingExceptionMapper); every error test in this suite runs beside it.

  @Test
  void anUnknownPathIsGatehouses404BesideAnApplicationMapperForException() {
    ExtractableResponse<Response> r = request().get("no/such/thing").then().extract();
    assertProblem(r, 404);
    assertThat(r.asString()).doesNotContain("exceptionType");
  }

  @Test
  void aMethodNotAllowedIsGatehouses405WithAllowBesideAnApplicationMapperForException() {
    ExtractableResponse<Response> r = request().delete("public").then().extract();
    assertProblem(r, 405);
    assertThat(r.asString()).doesNotContain("exceptionType");
    if (runtimeSendsAllowOn405()) {
      assertThat(r.header("Allow")).contains("GET");
    }
  }

  /**
   * Whether the runtime itself names the allowed methods in a 405's {@code Allow} header, which
   * Gatehouse's problem keeps. Quarkus REST does not (its routing throws a 405 without one).
   */
  protected boolean runtimeSendsAllowOn405() {
    return true;
  }

  @Test
  void aBugIsAGeneric500LoggedWithItsRequestIdButNotItsTextEvenWhenTheApplicationsMapperEchoesIt() {
    ExtractableResponse<Response> r = request().get("bug").then().extract();
    assertProblem(r, 500);
    assertThat(r.asString()).doesNotContain("exceptionType").doesNotContain("connection refused")
        .doesNotContain("SQLException");
    assertThat(r.jsonPath().getString("detail")).isEqualTo(
        "An unexpected error occurred. Quote the request id when reporting it.");
    String id = r.jsonPath().getString("requestId");
    String logged = runtime().log().lines().filter(l -> l.contains("request " + id))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(logged).contains("replaced by the generic problem")
        .doesNotContain("connection refused");
  }

  @Test
  void theApplicationsBroadExceptionMapperIsNamedInTheLog() {
    assertThat(request().get("public").then().extract().statusCode()).isEqualTo(200);
    assertThat(runtime().log()).contains("Gatehouse exception mappers")
        .contains("dev.gatehouse.compat.EchoingExceptionMapper answers every Exception");
  }

  @Test
  void aClientRequestIdNeverReplacesGatehousesOwn() {
    ExtractableResponse<Response> ok = request().header("X-Request-Id", "client-chosen-1")
        .get("public").then().extract();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header("X-Request-Id")).matches("[A-Za-z0-9_-]{16}");
    ExtractableResponse<Response> problem = request().header("X-Request-Id", "<script>x</script>")
        .get("no/such/path").then().extract();
    assertProblem(problem, 404);
    assertThat(problem.header("X-Request-Id")).matches("[A-Za-z0-9_-]{16}")
        .isEqualTo(problem.jsonPath().getString("requestId"));
    assertThat(problem.asString()).doesNotContain("<script>");
  }

  @Test
  void headersThatAreNotMediaTypesAre400Problems() {
    assertProblem(as(Tokens.freshSubject("ct"), "user").header("Content-Type", "garbage")
        .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("items").then()
        .extract(), 400);
    assertProblem(request().header("Accept", ";;;garbage/").get("public").then().extract(), 400);
  }

  // ---- strict JSON and validation ----

  @Test
  void rejectsUnknownFields() {
    ExtractableResponse<Response> r = postItem(Tokens.freshSubject("json"),
        "{\"name\":\"lamp\",\"quantity\":1,\"admin\":true}").extract();
    assertProblem(r, 400);
    assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("$.admin");
  }

  @Test
  void rejectsDuplicateKeys() {
    ExtractableResponse<Response> r = postItem(Tokens.freshSubject("json"),
        "{\"name\":\"lamp\",\"name\":\"other\",\"quantity\":1}").extract();
    assertProblem(r, 400);
    assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("$.name");
  }

  @Test
  void rejectsAStringWhereANumberBelongs() {
    ExtractableResponse<Response> r = postItem(Tokens.freshSubject("json"),
        "{\"name\":\"lamp\",\"quantity\":\"7\"}").extract();
    assertProblem(r, 400);
    assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("$.quantity");
  }

  @Test
  void rejectsMalformedJsonWithA400NotA500() {
    assertProblem(postItem(Tokens.freshSubject("json"), "{\"name\":\"lamp\",").extract(), 400);
    assertProblem(postItem(Tokens.freshSubject("json"), "{\"name\":\"lamp\",\"quantity\":1} x")
        .extract(), 400);
  }

  @Test
  void validatesTheBodyWithBeanValidation() {
    ExtractableResponse<Response> r = postItem(Tokens.freshSubject("json"),
        "{\"name\":\" \",\"quantity\":1}").extract();
    assertProblem(r, 400);
    assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("name");
  }

  @Test
  void acceptsAValidBody() {
    ExtractableResponse<Response> r = postItem(Tokens.freshSubject("json"),
        "{\"name\":\"lamp\",\"quantity\":3}").extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.jsonPath().getString("name")).isEqualTo("lamp");
    assertThat(r.jsonPath().getInt("quantity")).isEqualTo(3);
  }

  /**
   * Gatehouse reads request bodies; the application's own JSON settings still write its
   * responses — a null they leave out stays out (Jackson runtimes: the application's
   * {@code quarkus.jackson.*} or its resolver; JSON-B's default), and on JSON-B runtimes its
   * {@code @JsonbTransient} and {@code @JsonbProperty} still hold.
   */
  @Test
  void theApplicationsOwnJsonSettingsStillShapeItsResponses() {
    ExtractableResponse<Response> profile = request().get("profile").then().extract();
    assertThat(profile.statusCode()).as(profile.asString()).isEqualTo(200);
    assertThat(profile.jsonPath().getMap("$")).containsOnlyKeys("name");
    if (applicationJson() != JsonBinding.JSON_B) {
      return;
    }
    ExtractableResponse<Response> r = request().get("account").then().extract();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(r.jsonPath().getString("display_name")).isEqualTo("Alice");
    assertThat(r.jsonPath().getMap("$")).doesNotContainKey("displayName")
        .doesNotContainKey("passwordHash");
    assertThat(r.asString()).doesNotContain("secret-hash");
    assertThat(runtime().log()).doesNotContain("WFLYRS0018");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"name\":\"" + "a".repeat(3000) + "\",\"quantity\":1}";
    assertProblem(postItem(Tokens.freshSubject("big"), big).extract(), 413);
  }

  // ---- authentication and authorization ----

  @Test
  void aCallWithoutATokenGets401WithABearerChallenge() {
    ExtractableResponse<Response> r = request().get("admin").then().extract();
    assertProblem(r, 401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void rejectsAnUnsignedToken() {
    assertUnauthorized(tokens().unsigned("alice", "admin"));
  }

  @Test
  void rejectsATokenSignedWithAnotherKey() {
    assertUnauthorized(tokens().otherKey("alice", "admin"));
  }

  @Test
  void rejectsATokenSignedWithHs384AndTheRightSecret() {
    assertUnauthorized(tokens().hs384("alice", "admin"));
  }

  @Test
  void acceptsAValidTokenAndInjectsGatehousesVerifiedToken() {
    ExtractableResponse<Response> r = as("carol", "user").get("me").then().extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.jsonPath().getString("subject")).isEqualTo("carol");
    assertThat(r.jsonPath().getList("groups")).containsExactly("user");
    assertSecurityHeaders(r);
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void aCallerWithoutTheRoleGets403AndOneWithItIsServed() {
    assertProblem(as("dave", "user").get("admin").then().extract(), 403);
    ExtractableResponse<Response> ok = as("root", "admin").get("admin").then().extract();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.jsonPath().getBoolean("admin")).isTrue();
  }

  // ---- object ownership ----

  @Test
  void theOwnerGetsTheirObject() {
    ExtractableResponse<Response> r = as("alice", "user").get("items/1").then().extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.jsonPath().getString("name")).isEqualTo("alice's lamp");
  }

  @Test
  void someoneElsesObjectIsTheSame404AsAMissingOne() {
    ExtractableResponse<Response> others = as("alice", "user").get("items/2").then().extract();
    ExtractableResponse<Response> missing = as("alice", "user").get("items/999").then().extract();
    assertProblem(others, 404);
    assertProblem(missing, 404);
    Map<String, Object> a = others.jsonPath().getMap("$");
    Map<String, Object> b = missing.jsonPath().getMap("$");
    a.remove("requestId");
    b.remove("requestId");
    assertThat(a).isEqualTo(b);
    assertThat(runtime().log()).contains("\"event\":\"NOT_OWNED\"")
        .contains("\"path\":\"/items/{id}\"");
  }

  /**
   * {@code @Inject Owner} and {@code @Inject JsonWebToken} in a resource of every scope —
   * application-scoped, singleton, none (a singleton on Quarkus REST): two callers alternate, and
   * each is served as themself.
   */
  @Test
  void anInjectedOwnerIsTheCurrentCallerInAResourceOfAnyScope() {
    String alice = Tokens.freshSubject("scope");
    String bob = Tokens.freshSubject("scope");
    for (String scope : new String[] {"application", "singleton", "none"}) {
      for (int round = 0; round < 3; round++) {
        for (String who : new String[] {alice, bob}) {
          ExtractableResponse<Response> r = as(who, "user").get("scoped/" + scope).then()
              .extract();
          assertThat(r.statusCode()).as("%s, round %d: %s", scope, round, r.asString())
              .isEqualTo(200);
          assertThat(r.jsonPath().getString("owner")).as("%s, round %d", scope, round)
              .isEqualTo(who);
          assertThat(r.jsonPath().getString("subject")).as("%s, round %d: the injected token",
              scope, round).isEqualTo(who);
        }
      }
    }
  }

  // ---- paging and sorting ----

  @Test
  void listsPageWithinTheMaximumAndSortOnlyByAllowedFields() {
    String subject = Tokens.freshSubject("pages");
    for (String name : new String[] {"b", "a", "c"}) {
      assertThat(postItem(subject, "{\"name\":\"" + name + "\",\"quantity\":1}").extract()
          .statusCode()).isEqualTo(200);
    }
    ExtractableResponse<Response> page = as(subject, "user")
        .get("items?page=0&size=2&sort=name,desc").then().extract();
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    assertThat(page.jsonPath().getList("items.name")).containsExactly("c", "b");
    assertThat(page.jsonPath().getLong("total")).isEqualTo(3);
    assertProblem(as(subject, "user").get("items?size=101").then().extract(), 400);
    assertProblem(as(subject, "user").get("items?sort=owner,asc").then().extract(), 400);
    assertProblem(as(subject, "user").get("items?page=-1").then().extract(), 400);
  }

  // ---- rate limits ----

  @Test
  void theRateLimitAnswers429WithRetryAfter() {
    String subject = Tokens.freshSubject("rate");
    for (int i = 0; i < 3; i++) {
      assertThat(postItem(subject, "{\"name\":\"n" + i + "\",\"quantity\":1}").extract()
          .statusCode()).as("call %d", i + 1).isEqualTo(200);
    }
    ExtractableResponse<Response> refused = postItem(subject,
        "{\"name\":\"one too many\",\"quantity\":1}").extract();
    assertProblem(refused, 429);
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
  }

  // ---- CORS ----

  @Test
  void aPreflightFromTheAllowedOriginIsGranted() {
    ExtractableResponse<Response> r = request().header("Origin", ALLOWED)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .options("items").then().extract();
    assertThat(r.statusCode()).isIn(200, 204);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
  }

  @Test
  void aPreflightFromAnotherOriginIsRefused() {
    ExtractableResponse<Response> r = request().header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .options("items").then().extract();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  // ---- documentation, client address, start-up ----

  @Test
  void documentationIsHiddenIncludingWhatTheRuntimeServesItself() {
    for (String path : new String[] {"openapi", "q/openapi", "application.wadl", "swagger-ui"}) {
      assertThat(request().get(path).then().extract().statusCode()).as(path).isEqualTo(404);
      assertThat(given().baseUri(runtime().serverRoot().toString()).get(path).then().extract()
          .statusCode()).as("/" + path).isEqualTo(404);
    }
  }

  @Test
  void theSocketPeerReachesGatehouseAndAForgedForwardedForChangesNothing() {
    assertThat(request().get("public").then().extract().header("X-Compat-Client"))
        .isEqualTo("127.0.0.1");
    assertThat(request().header("X-Forwarded-For", "203.0.113.9").get("public").then().extract()
        .header("X-Compat-Client")).isEqualTo("127.0.0.1");
  }

  @Test
  void theStartUpLogCarriesTheEndpointReport() {
    assertThat(runtime().log()).contains("Gatehouse endpoint report")
        .contains("GET /admin | who: roles admin")
        .contains("GET /items/{id} | who: authenticated | owned: id")
        .contains("GET /items | who: authenticated | owned: - | paging: PageRequest")
        .contains("POST /items | who: authenticated | owned: - | paging: - | rate limit: compat");
  }

  @Test
  void anApplicationWithAnUndeclaredEndpointRefusesToStart() {
    assertThat(refusalOfTheBrokenApplication()).contains("Gatehouse refuses to start")
        .contains("UndeclaredResource#undeclared: access: who may call it is not declared");
  }

  /**
   * A resource in a package under {@code org.wildfly.}, its id bound by name alone, is the
   * application's: linted, reported, its owned id read from the path.
   */
  @Test
  void theReportCarriesAnApplicationResourceInAWildFlyPackage() {
    assertThat(runtime().log())
        .contains("GET /quickstart/items/{id} | who: authenticated | owned: id |");
  }

  /**
   * Both broken resource classes are in one refusal, each problem once in it, and the first line
   * Gatehouse prints about it starts with the words a user searches for.
   */
  @Test
  void oneRefusalListsEveryBrokenClassesProblemsEachOnce() {
    String refusal = refusalOfTheBrokenApplication();
    // WildFly's failure description quotes the message with \" for each "
    String message = firstGatehouseRefusal(refusal.replace("\\\"", "\""));
    for (String problem : new String[] {
        "UndeclaredResource#undeclared: access: who may call it is not declared",
        "QuickstartOrders#order: access: who may call it is not declared",
        "QuickstartOrders#order: owned-id: path parameter \"id\" names an object but is neither"
            + " @Owned nor @Unowned"}) {
      assertThat(occurrences(message, problem)).as("%s in:%n%s", problem, refusal).isEqualTo(1);
    }
  }

  // ---- helpers ----

  /** The first "Gatehouse refuses to start" line of {@code log} and the problem lines under it. */
  private static String firstGatehouseRefusal(String log) {
    int start = log.indexOf("Gatehouse refuses to start");
    assertThat(start).as(log).isNotNegative();
    StringBuilder b = new StringBuilder();
    String[] lines = log.substring(start).split("\\R");
    b.append(lines[0]);
    // a problem line is indented by two spaces; a wrapper's "Caused by:" or a stack frame ends it
    for (int i = 1; i < lines.length && lines[i].matches("  \\S.*")
        && !lines[i].trim().startsWith("at "); i++) {
      b.append('\n').append(lines[i]);
    }
    return b.toString();
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private io.restassured.response.ValidatableResponse postItem(String subject, String json) {
    return as(subject, "user").contentType("application/json").body(json).post("items").then();
  }

  private void assertUnauthorized(String token) {
    ExtractableResponse<Response> r = request().header("Authorization", "Bearer " + token)
        .get("me").then().extract();
    assertProblem(r, 401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.jsonPath().getString("detail")).isEqualTo(
        "Authentication is required: the credentials are missing, invalid or expired.");
  }

  static void assertSecurityHeaders(ExtractableResponse<Response> r) {
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("X-Request-Id")).isNotBlank();
    assertThat(r.header("X-Powered-By")).isNull();
    String server = r.header("Server");
    assertThat(server == null || !server.matches(".*\\d.*")).as("Server: %s", server).isTrue();
  }

  private static void assertProblem(ExtractableResponse<Response> r, int status) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.jsonPath().getInt("status")).isEqualTo(status);
    assertThat(r.jsonPath().getString("requestId")).isNotBlank();
    assertThat(r.asString()).doesNotContainPattern(LEAK);
    assertSecurityHeaders(r);
  }

  // ---- gatehouse-test's attack kit, as a user's integration test runs it ----

  /** gatehouse-test's tokens for the key this runtime was started with. */
  private dev.gatehouse.test.TestTokens testTokens() {
    return dev.gatehouse.test.TestTokens.of(dev.gatehouse.jwt.JwtSettings.builder()
        .issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).hmacSecret(tokens().secretBase64())
        .build());
  }

  /** The run's key is not in this JVM's configuration: {@code @TestCaller}s sign with it. */
  @org.junit.jupiter.api.BeforeEach
  void testCallersSignWithThisRuntimesKey() {
    dev.gatehouse.test.TestCallers.useTokens(this::testTokens);
  }

  @Test
  @dev.gatehouse.test.TestCaller(subject = "alice", roles = "admin")
  void aTestAnnotatedWithTestCallerCallsAsThatCaller() {
    request().get("admin").then().statusCode(200);
    request().get("me").then().statusCode(200)
        .body("subject", org.hamcrest.Matchers.equalTo("alice"))
        .body("groups", org.hamcrest.Matchers.contains("admin"));
    // a request that brings its own token keeps it
    request().header("Authorization", "Bearer " + tokens().valid("bob")).get("me").then()
        .statusCode(200).body("subject", org.hamcrest.Matchers.equalTo("bob"));
  }

  @Test
  void theAttackKitFindsEveryEndpointRefusingWhatItsRulesPromise() {
    dev.gatehouse.test.TestTokens testTokens = testTokens();
    dev.gatehouse.test.AttackResults results = dev.gatehouse.test.AttackKit
        .against(runtime().baseUri())
        .reportFile(endpointReportFile())
        .tokens(testTokens)
        .callers("alice", "bob") // item 1 is alice's
        .owned("/items/{id}", "id", alice -> "1")
        .owned("/quickstart/items/{id}", "id", alice -> "1")
        .owned("/rest-path/items/{id}", "id", alice -> "1") // Quarkus REST's @RestPath
        .owned("/gadgets/{id}", "id", alice -> request().header("Authorization", alice) // JPA
            .contentType("application/json")
            .body(Map.of("name", "the attack kit's gadget", "quantity", 1)).post("gadgets")
            .then().statusCode(200).extract().path("id").toString())
        .run();
    System.out.println(getClass().getSimpleName() + " attack kit:\n" + results.table());
    results.assertPassed();
    assertThat(results.rows()).extracting(r -> r.endpoint() + " | " + r.attack())
        .contains("GET /items/{id} | not-owner id (another caller's id)",
            "GET /quickstart/items/{id} | not-owner id (another caller's id)",
            "POST /items | unknown JSON field", "POST /items | body of 2049 bytes (limit 2048)",
            "POST /items | rate limit compat (3 per PT1H by user)",
            "GET /admin | token without role admin", "GET /admin | alg none token");
  }

  // ---- gatehouse.rollout.report-only: an existing client served, then refused ----

  @Test
  void anExistingClientIsServedInReportOnlyAndRefusedOnceEnforced() {
    RuntimeUnderTest reportOnly = reportOnlyRuntime();
    // a client written before Gatehouse: a token without the role the endpoint now declares,
    // and a body with a field the API never had
    String noAdmin = "Bearer " + tokens().valid("rollout-carol", "user");
    Map<String, Object> legacyBody = Map.of("name", "legacy", "quantity", 1, "legacyFlag", true);
    String legacyToken = "Bearer " + tokens().valid("rollout-dave");

    ExtractableResponse<Response> admin = given().baseUri(reportOnly.baseUri().toString())
        .header("Authorization", noAdmin).get("admin").then().extract();
    assertThat(admin.statusCode()).as("%s%n%s", admin.asString(), reportOnly.log())
        .isEqualTo(200);
    given().baseUri(reportOnly.baseUri().toString()).header("Authorization", legacyToken)
        .contentType("application/json").body(legacyBody).post("items").then().statusCode(200)
        .body("name", org.hamcrest.Matchers.equalTo("legacy"));
    awaitLog(reportOnly, "the report-only instance's would-be refusals, not enforced",
        log -> log.contains("NOT ENFORCED, report-only: json, jwt")
            && log.lines().anyMatch(l -> l.contains("\"enforced\":false")
                && l.contains("ACCESS_DENIED"))
            && log.lines().anyMatch(l -> l.contains("\"enforced\":false")
                && l.contains("json_unknown_field")));

    request().header("Authorization", noAdmin).get("admin").then().statusCode(403);
    request().header("Authorization", legacyToken).contentType("application/json")
        .body(legacyBody).post("items").then().statusCode(400);
  }

  /**
   * Polls {@code runtime}'s log for at most 30 seconds until {@code holds}: a child process's log
   * reaches its file a little after its answer.
   */
  private static void awaitLog(RuntimeUnderTest runtime, String what,
      java.util.function.Predicate<String> holds) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!holds.test(runtime.log())) {
      assertThat(System.nanoTime()).as("%s in:%n%s", what, runtime.log()).isLessThan(deadline);
      try {
        Thread.sleep(50); // the interval of a bounded poll, not a wait for time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
