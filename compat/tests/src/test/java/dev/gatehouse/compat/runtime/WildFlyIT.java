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
 * deployed at {@code /compat}.
 */
class WildFlyIT extends RuntimeContract implements OwnedEntityContract {

  private static final Duration DEPLOY = Duration.ofMinutes(3);
  private static final Tokens TOKENS = Tokens.random();
  private static WildFlyServer server;

  @BeforeAll
  static void start() {
    Path work = QuarkusApps.work();
    Path home = WildFlyServer.unpack(Path.of(System.getProperty("compat.wildfly-zip")),
        work.resolve("wildfly-dist"));
    server = WildFlyServer.start(home, work.resolve("wildfly-base"), new WildFlyServer.Options()
        .env("GATEHOUSE_JWT_ISSUER", Tokens.ISSUER)
        .env("GATEHOUSE_JWT_AUDIENCE", Tokens.AUDIENCE)
        .env("GATEHOUSE_JWT_SECRET", TOKENS.secretBase64()));
    WildFlyServer.Deployment d = server.deploy(Path.of(System.getProperty("compat.war")),
        "compat.war", DEPLOY);
    if (d.failed()) {
      throw new IllegalStateException("the application did not deploy:\n" + d.failureText()
          + "\n" + d.logDuringDeploy());
    }
  }

  @AfterAll
  static void stop() {
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
  public Tokens tokens() {
    return TOKENS;
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
