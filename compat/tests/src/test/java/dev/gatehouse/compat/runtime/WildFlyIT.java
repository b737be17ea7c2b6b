package dev.gatehouse.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WildFly 39.0.1.Final ({@code standalone-microprofile.xml}, RESTEasy, Weld, SmallRye Config), the
 * application as a plain WAR with Gatehouse in {@code WEB-INF/lib} and no server configuration,
 * deployed at {@code /compat}; for the Keycloak tokens, the same WAR on a second server of the same
 * distribution (its own base directory and ports) started with the Keycloak settings.
 */
class WildFlyIT extends RuntimeContract
    implements OwnedEntityContract, IdentityProviderContract {

  private static final Duration DEPLOY = Duration.ofMinutes(3);
  private static final Tokens TOKENS = Tokens.random();
  private static final Path REPORT = EndpointReportFile.of("wildfly");
  private static final LazyRuntime KEYCLOAK_APP = new LazyRuntime(WildFlyIT::startForKeycloak);
  private static final LazyRuntime REPORT_ONLY_APP = new LazyRuntime(WildFlyIT::startReportOnly);
  private static WildFlyServer server;

  @BeforeAll
  static void start() {
    server = WildFlyServer.start(home(), QuarkusApps.work().resolve("wildfly-base"),
        new WildFlyServer.Options()
            .env("GATEHOUSE_JWT_ISSUER", Tokens.ISSUER)
            .env("GATEHOUSE_JWT_AUDIENCE", Tokens.AUDIENCE)
            .env("GATEHOUSE_JWT_SECRET", TOKENS.secretBase64())
            .env(EndpointReportFile.ENV, REPORT.toString())
            .configEdit(WildFlyIT::serverWideCors));
    deployTheApplication(server);
  }

  /** The unpacked distribution (unzipped by the first call only). */
  private static Path home() {
    return WildFlyServer.unpack(Path.of(System.getProperty("compat.wildfly-zip")),
        QuarkusApps.work().resolve("wildfly-dist"));
  }

  private static void deployTheApplication(WildFlyServer to) {
    WildFlyServer.Deployment d = to.deploy(Path.of(System.getProperty("compat.war")),
        "compat.war", DEPLOY);
    if (d.failed()) {
      throw new IllegalStateException("the application did not deploy:\n" + d.failureText()
          + "\n" + d.logDuringDeploy());
    }
  }

  /** A second server, its configuration as the distribution ships it, with the Keycloak settings. */
  private static RuntimeUnderTest startForKeycloak() {
    WildFlyServer.Options options = new WildFlyServer.Options();
    IdentityProviderContract.keycloakEnvironment().forEach(options::env);
    return startAnother("wildfly-base-keycloak", options);
  }

  /** Another server with this class's key, checking jwt and json only in report-only. */
  private static RuntimeUnderTest startReportOnly() {
    return startAnother("wildfly-base-report-only", new WildFlyServer.Options()
        .env("GATEHOUSE_JWT_ISSUER", Tokens.ISSUER)
        .env("GATEHOUSE_JWT_AUDIENCE", Tokens.AUDIENCE)
        .env("GATEHOUSE_JWT_SECRET", TOKENS.secretBase64())
        .env("GATEHOUSE_ROLLOUT_REPORT_ONLY", REPORT_ONLY_CHECKS));
  }

  /** The application deployed on another server, its configuration as the distribution ships it. */
  private static RuntimeUnderTest startAnother(String base, WildFlyServer.Options options) {
    WildFlyServer keycloakServer = WildFlyServer.start(home(),
        QuarkusApps.work().resolve(base), options);
    try {
      deployTheApplication(keycloakServer);
    } catch (RuntimeException e) {
      keycloakServer.close();
      throw e;
    }
    return new RuntimeUnderTest() {
      @Override
      public URI baseUri() {
        return keycloakServer.baseUri("compat");
      }

      @Override
      public URI serverRoot() {
        return keycloakServer.baseUri();
      }

      @Override
      public String log() {
        return keycloakServer.log();
      }

      @Override
      public void close() {
        keycloakServer.close();
      }
    };
  }

  /**
   * The server configured as existing WildFly services often are: an Undertow filter in
   * {@code standalone.xml} allowing every origin on every response, outside the application.
   */
  static String serverWideCors(String xml) {
    String host = "<host name=\"default-host\" alias=\"localhost\">";
    if (!xml.contains(host)) {
      throw new IllegalStateException("no default-host in the Undertow subsystem to add the"
          + " CORS filter to");
    }
    String edited = xml.replace(host, host + "<filter-ref name=\"cors-any-origin\"/>")
        .replaceFirst("</servlet-container>(\\s*)<application-security-domains>",
            "</servlet-container>$1<filters><response-header name=\"cors-any-origin\""
            + " header-name=\"Access-Control-Allow-Origin\" header-value=\"*\"/></filters>"
            + "$1<application-security-domains>");
    if (!edited.contains("<filters><response-header name=\"cors-any-origin\"")) {
      throw new IllegalStateException("the Undertow filters could not be added");
    }
    return edited;
  }

  /** The server's own CORS header never reaches a client beside gatehouse-cors, and is logged. */
  @Test
  void theServersOwnCorsFilterIsRemovedAndLoggedOnce() {
    io.restassured.response.ExtractableResponse<io.restassured.response.Response> r =
        io.restassured.RestAssured.given().header("Origin", "https://evil.example")
            .get(server.baseUri("compat").resolve("public")).then().extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    assertThat(server.log()).containsOnlyOnce("The server sets Access-Control-Allow-Origin on"
        + " responses before the application runs");
  }

  @AfterAll
  static void stop() {
    KEYCLOAK_APP.close();
    REPORT_ONLY_APP.close();
    if (server != null) {
      server.close();
    }
  }

  @Override
  public RuntimeUnderTest runtime() {
    return new RuntimeUnderTest() {
      @Override
      public URI baseUri() {
        return server.baseUri("compat");
      }

      @Override
      public URI serverRoot() {
        return server.baseUri();
      }

      @Override
      public String log() {
        return server.log();
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  @Override
  public RuntimeUnderTest keycloakRuntime() {
    return KEYCLOAK_APP.get();
  }

  @Override
  protected RuntimeUnderTest reportOnlyRuntime() {
    return REPORT_ONLY_APP.get();
  }

  @Override
  public Tokens tokens() {
    return TOKENS;
  }

  @Override
  protected Path endpointReportFile() {
    return REPORT;
  }

  /**
   * WildFly's own MP-JWT would be a second verifier of bearer tokens. WildFly refuses such a
   * deployment before Gatehouse's check can run: turning its MP-JWT on adds smallrye-jwt's beans a
   * second time, and Weld stops at the ambiguity.
   */
  @Test
  void anApplicationThatTurnsOnTheServersOwnMpJwtIsNotDeployed() {
    WildFlyServer.Deployment d = server.deploy(Path.of(System.getProperty("compat.war-mpjwt")),
        "mpjwt.war", DEPLOY);
    if (!d.failed()) {
      server.undeploy("mpjwt.war", DEPLOY);
    }
    assertThat(d.failed()).as(d.logDuringDeploy()).isTrue();
    assertThat(d.failureText()).contains("WELD-001409: Ambiguous dependencies for type"
        + " CommonJwtProducer");
    assertThat(io.restassured.RestAssured.given().get(server.baseUri("mpjwt").resolve("public"))
        .then().extract().statusCode()).isEqualTo(404);
  }

  /** RESTEasy on WildFly writes with JSON-B unless the deployment turns Jackson on. */
  @Override
  protected JsonBinding applicationJson() {
    return JsonBinding.JSON_B;
  }

  @Override
  protected String refusalOfTheBrokenApplication() {
    WildFlyServer.Deployment d = server.deploy(Path.of(System.getProperty("compat.war-broken")),
        "broken.war", DEPLOY);
    if (!d.failed()) {
      server.undeploy("broken.war", DEPLOY);
      throw new AssertionError("the broken application deployed:\n" + d.logDuringDeploy());
    }
    return d.failureText() + "\n" + d.logDuringDeploy();
  }
}
