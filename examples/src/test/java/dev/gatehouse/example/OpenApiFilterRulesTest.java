package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.GatehouseOpenApiFilter;
import dev.gatehouse.jwt.RequireScopes;
import io.smallrye.openapi.api.OpenApiConfig;
import io.smallrye.openapi.runtime.OpenApiProcessor;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.Test;

/**
 * The rules of GatehouseOpenApiFilter.of(classes) on documents smallrye-open-api generates without
 * a running application: the application path and path patterns, what the application declared
 * itself, roles in OpenAPI 3.1 requirements. Over HTTP, the notes service: OpenApiDocumentTest.
 */
class OpenApiFilterRulesTest {

  @ApplicationPath("/api")
  public static class Api extends Application {
  }

  @Path("/reports")
  public static class Reports {

    @GET
    @Path("/{reportId: [0-9]+}")
    @RolesAllowed("auditor")
    @RequireScopes("reports:read")
    @APIResponse(responseCode = "200", description = "the report")
    @APIResponse(responseCode = "403", description = "the application's own 403")
    public String get(@PathParam("reportId") long reportId) {
      return "";
    }

    @GET
    @DenyAll
    public String all() {
      return "";
    }
  }

  private static OpenAPI generated(String version) {
    Indexer indexer = new Indexer();
    for (Class<?> c : List.of(Api.class, Reports.class)) {
      try (InputStream in = c.getClassLoader()
          .getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
        indexer.index(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    OpenAPI model = OpenApiProcessor.modelFromAnnotations(OpenApiConfig.fromConfig(
        org.eclipse.microprofile.config.ConfigProvider.getConfig()),
        indexer.complete());
    model.setOpenapi(version);
    GatehouseOpenApiFilter.of(List.of(Reports.class)).filterOpenAPI(model);
    return model;
  }

  private static Operation reportGet(OpenAPI model) {
    assertThat(model.getPaths().getPathItems()).containsKey("/api/reports/{reportId}");
    return model.getPaths().getPathItem("/api/reports/{reportId}").getGET();
  }

  @Test
  void operationsUnderTheApplicationPathWithAPatternedVariableAreMatched() {
    Operation get = reportGet(generated("3.0.3"));
    assertThat(get.getExtensions()).containsEntry("x-gatehouse-access",
        "roles auditor; scopes reports:read");
    assertThat(get.getResponses().getAPIResponses()).containsKeys("401");
  }

  @Test
  void aResponseTheApplicationDeclaredIsKept() {
    Operation get = reportGet(generated("3.0.3"));
    assertThat(get.getResponses().getAPIResponse("403").getDescription())
        .isEqualTo("the application's own 403");
    assertThat(get.getResponses().getAPIResponse("200").getDescription()).isEqualTo("the report");
  }

  @Test
  void rolesAndScopesAreInTheRequirementOnlyFromOpenApi31() {
    assertThat(reportGet(generated("3.0.3")).getSecurity().get(0).getSchemes())
        .isEqualTo(Map.of("bearer", List.of()));
    assertThat(reportGet(generated("3.1.0")).getSecurity().get(0).getSchemes())
        .isEqualTo(Map.of("bearer", List.of("auditor", "reports:read")));
  }

  @Test
  void aDenyAllEndpointAnswers403WithoutARequirement() {
    Operation all = generated("3.0.3").getPaths().getPathItem("/api/reports").getGET();
    assertThat(all.getSecurity()).isNull();
    assertThat(all.getResponses().getAPIResponse("403").getContent().getMediaType(
        "application/problem+json").getSchema().getRef()).isEqualTo(
        "#/components/schemas/Problem");
  }

  @Test
  void theRunningApplicationsFilterOutsideOneSaysWhatToUseInstead() {
    OpenAPI model = generated("3.0.3");
    assertThatThrownBy(() -> new GatehouseOpenApiFilter().filterOpenAPI(model))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GatehouseOpenApiFilter.of(classes)");
  }
}
