package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.internal.CoreModule;
import dev.gatehouse.core.internal.EndpointFeature;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.PagedResource;
import dev.gatehouse.core.support.TestAuthFilter;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import io.quarkus.sample.gatehouse.UnpagedSample;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.jboss.resteasy.reactive.RestPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wildfly.quickstarts.gatehouse.QuickstartResource;
import org.wildfly.quickstarts.gatehouse.UnpagedQuickstart;

/**
 * The lint can never be silently absent or blind: it sees the application's classes whatever
 * their package, refuses what it cannot see, and one refusal lists every problem once.
 */
class LintCoverageTest {

  private static final String UNPAGED_QUICKSTART = "UnpagedQuickstart#all: paging: returns a"
      + " list without a PageRequest — add a @BeanParam PageRequest parameter and return Page<T>";
  private static final String UNPAGED_SAMPLE = "UnpagedSample#all: paging: returns a list"
      + " without a PageRequest — add a @BeanParam PageRequest parameter and return Page<T>";

  @RegisterExtension
  final LogCapture lint = LogCapture.of("dev.gatehouse");

  /** Turns Jersey's WADL back on, as an application may: its resource must not be linted. */
  public static final class WadlOn implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
      context.property("jersey.config.server.wadl.disableWadl", false);
      return true;
    }
  }

  /** A comment whose text is unbounded. */
  public record Comment(String text) {
  }

  /** Binds its path parameter with Quarkus REST's own annotation, then reads an unbounded body. */
  @Path("/threads")
  public static class QuarkusStyle {
    @POST
    @Path("/{thread}")
    @Consumes(MediaType.APPLICATION_JSON)
    public void comment(@RestPath String thread, Comment body) {
    }
  }

  @Test
  void anApplicationInAWildFlyOrQuarkusPackageIsLintedAndRefused() {
    GatehouseConfigException refusal = Fixtures.server()
        .register(UnpagedQuickstart.class, UnpagedSample.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).containsExactlyInAnyOrder(UNPAGED_QUICKSTART, UNPAGED_SAMPLE);
  }

  @Test
  void theReportListsAnApplicationInAWildFlyPackageButNotJerseysWadl() {
    try (EmbeddedServer server = Fixtures.server()
        .register(WadlOn.class, QuickstartResource.class).build().start()) {
      assertThat(given().baseUri(server.baseUri().toString()).get("/quickstart/ada")
          .then().extract().statusCode()).isEqualTo(200);
    }
    String report = lint.messages(Level.INFO).stream()
        .filter(m -> m.startsWith("Gatehouse endpoint report")).findFirst().orElseThrow();
    assertThat(report).contains("GET /quickstart/{name}").doesNotContain("wadl");
  }

  @Test
  void aScanningRuntimesRefusalListsTheViolationsOfEveryResourceClassOnce() {
    // as a scanning runtime deploys: no GatehouseCoreFeature, classes shown one by one
    GatehouseConfigException refusal = EmbeddedServer.builder()
        .register(new CoreModule().providers().toArray(Class<?>[]::new))
        .register(TestAuthFilter.class, UnpagedQuickstart.class, UnpagedSample.class)
        .build().refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).containsExactlyInAnyOrder(UNPAGED_QUICKSTART, UNPAGED_SAMPLE);
    assertThat(refusal.getMessage()).startsWith("Gatehouse refuses to start (2 problems):");
    List<String> errors = lint.messages(Level.SEVERE);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).isEqualTo(refusal.getMessage());
  }

  @Test
  void aRuntimeThatShowsGatehouseNoEndpointAtStartUpHasEveryEndpointRequestRefused() {
    List<Class<?>> withoutTheDynamicFeature = new ArrayList<>(new CoreModule().providers());
    withoutTheDynamicFeature.remove(EndpointFeature.class);
    try (EmbeddedServer server = EmbeddedServer.builder()
        .register(withoutTheDynamicFeature.toArray(Class<?>[]::new))
        .register(TestAuthFilter.class, PagedResource.class).build().start()) {
      var r = given().baseUri(server.baseUri().toString()).get("/items").then().extract();
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.contentType()).isEqualTo("application/problem+json");
      assertThat(r.asString()).doesNotContain("item-");
    }
    assertThat(lint.messages(Level.SEVERE)).anySatisfy(m -> assertThat(m).startsWith(
        "Gatehouse refuses to start: it runs, but the runtime showed it none of the"
            + " application's resource methods before the first request"));
  }

  @Test
  void aBodyBesideARuntimeAnnotatedPathParameterIsStillChecked() {
    GatehouseConfigException refusal = Fixtures.server().register(QuarkusStyle.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).containsExactly("QuarkusStyle#comment: bounded-input:"
        + " unbounded input: Comment.text — add @Size(max = ...) (or @Email) to each, including"
        + " collection elements");
  }
}
