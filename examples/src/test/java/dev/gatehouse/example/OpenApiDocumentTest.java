package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.embedded.EmbeddedServer;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The /openapi document, read over HTTP by an admin with documentation enabled, says what
 * Gatehouse enforces: its bearer scheme, who may call each endpoint, the problem responses it
 * answers with (GatehouseOpenApiFilter, the example's mp.openapi.filter).
 */
class OpenApiDocumentTest {

  static final String ADMIN_PASSWORD = "admin password for the openapi test";
  static final String PROBLEM_REF = "#/components/schemas/Problem";
  static EmbeddedServer server;
  static JsonPath document;

  @BeforeAll
  static void readTheDocument() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1",
        "EXAMPLE_ADMIN_PASSWORD", ADMIN_PASSWORD), Map.of("gatehouse.docs.enabled", "true"));
    Client client = new Client(server.port());
    String admin = client.login("admin@example.com", ADMIN_PASSWORD).statusCode(200).extract()
        .path("access_token");
    document = client.as(admin).get("/openapi").then().statusCode(200).extract().jsonPath();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void theBearerSchemeIsDeclaredOnce() {
    assertThat(document.getMap("components.securitySchemes.bearer")).containsEntry("type", "http")
        .containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
  }

  @Test
  void theProblemSchemaHasTheRfc9457MembersGatehouseWrites() {
    Map<String, Object> problem = document.getMap("components.schemas.Problem");
    assertThat(problem).containsEntry("type", "object");
    assertThat(map(problem, "properties")).containsKeys("type", "title", "status", "detail",
        "instance", "requestId", "errors");
    assertThat(map(map(problem, "properties"), "status")).containsEntry("type", "integer");
  }

  @Test
  void readingANoteNeedsABearerTokenAndAnswers401And404AsProblems() {
    Map<String, Object> get = operation("/notes/{id}", "get");
    assertThat(get.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
    assertThat(get).containsEntry("x-gatehouse-access", "authenticated");
    assertProblem(get, "401");
    assertProblem(get, "404");
    assertThat(responses(get)).containsKey("200").doesNotContainKeys("403", "413", "429");
  }

  @Test
  void healthIsPublicWithoutSecurityOrProblems() {
    Map<String, Object> get = operation("/health", "get");
    assertThat(get).doesNotContainKeys("security", "x-gatehouse-access");
    assertThat(responses(get)).containsOnlyKeys("200");
  }

  @Test
  void loginIsPublicAndRateLimited() {
    Map<String, Object> post = operation("/auth/login", "post");
    assertThat(post).doesNotContainKey("security");
    assertProblem(post, "429");
    assertProblem(post, "400");
    assertProblem(post, "413");
    assertThat(responses(post)).doesNotContainKeys("401", "403", "404");
  }

  @Test
  void creatingANoteAnswersBadAndTooLargeBodies() {
    Map<String, Object> post = operation("/notes", "post");
    assertThat(post.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
    assertProblem(post, "400");
    assertProblem(post, "413");
    assertProblem(post, "401");
    assertThat(responses(post)).doesNotContainKeys("404", "429");
  }

  @Test
  void listingNotesAnswersAnOverlongPageWith400() {
    assertProblem(operation("/notes", "get"), "400");
  }

  @Test
  void administrationNamesTheRoleAnd403() {
    Map<String, Object> get = operation("/admin/users", "get");
    assertThat(get).containsEntry("x-gatehouse-access", "roles admin (re-checked)");
    assertThat(get.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
    assertProblem(get, "401");
    assertProblem(get, "403");
  }

  private static Map<String, Object> operation(String path, String method) {
    Map<String, Object> paths = document.getMap("paths");
    assertThat(paths).containsKey(path);
    Map<String, Object> item = map(paths, path);
    assertThat(item).containsKey(method);
    return map(item, method);
  }

  private static Map<String, Object> responses(Map<String, Object> operation) {
    return map(operation, "responses");
  }

  private static void assertProblem(Map<String, Object> operation, String status) {
    assertThat(responses(operation)).as("responses").containsKey(status);
    Map<String, Object> content = map(map(responses(operation), status), "content");
    assertThat(content).containsOnlyKeys("application/problem+json");
    assertThat(map(map(content, "application/problem+json"), "schema"))
        .containsEntry("$ref", PROBLEM_REF);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }
}
