package dev.gatehouse.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro 6.2025.10 (Jersey, Weld, JSON-B, its own MP-JWT and role filter), the application as
 * a plain WAR with Gatehouse in {@code WEB-INF/lib} and no server configuration, at {@code /}; for
 * the Keycloak tokens, a second Payara Micro with the same WAR and the Keycloak settings.
 */
class PayaraMicroIT extends RuntimeContract
    implements OwnedEntityContract, IdentityProviderContract {

  private static final Tokens TOKENS = Tokens.random();
  private static final Path REPORT = EndpointReportFile.of("payara");
  private static final LazyRuntime KEYCLOAK_APP = new LazyRuntime(PayaraMicroIT::startForKeycloak);
  private static final LazyRuntime REPORT_ONLY_APP =
      new LazyRuntime(PayaraMicroIT::startReportOnly);
  private static PayaraMicroServer server;

  @BeforeAll
  static void start() {
    server = builder(Path.of(System.getProperty("compat.war"))).start();
    if (server.deploymentFailed()) {
      String log = server.log();
      server.close();
      throw new IllegalStateException("the application did not deploy:\n" + log);
    }
  }

  @AfterAll
  static void stop() {
    KEYCLOAK_APP.close();
    REPORT_ONLY_APP.close();
    if (server != null) {
      server.close();
    }
  }

  private static PayaraMicroServer.Builder builder(Path war) {
    return PayaraMicroServer.builder(war)
        .payaraJar(Path.of(System.getProperty("compat.payara-micro")))
        .env("GATEHOUSE_JWT_ISSUER", Tokens.ISSUER)
        .env("GATEHOUSE_JWT_AUDIENCE", Tokens.AUDIENCE)
        .env("GATEHOUSE_JWT_SECRET", TOKENS.secretBase64())
        .env(EndpointReportFile.ENV, REPORT.toString());
  }

  private static RuntimeUnderTest startForKeycloak() {
    PayaraMicroServer.Builder builder = PayaraMicroServer.builder(
            Path.of(System.getProperty("compat.war")))
        .payaraJar(Path.of(System.getProperty("compat.payara-micro")));
    IdentityProviderContract.keycloakEnvironment().forEach(builder::env);
    return startAnother(builder);
  }

  /** Another instance with this class's key, checking jwt and json only in report-only. */
  private static RuntimeUnderTest startReportOnly() {
    return startAnother(PayaraMicroServer.builder(Path.of(System.getProperty("compat.war")))
        .payaraJar(Path.of(System.getProperty("compat.payara-micro")))
        .env("GATEHOUSE_JWT_ISSUER", Tokens.ISSUER)
        .env("GATEHOUSE_JWT_AUDIENCE", Tokens.AUDIENCE)
        .env("GATEHOUSE_JWT_SECRET", TOKENS.secretBase64())
        .env("GATEHOUSE_ROLLOUT_REPORT_ONLY", REPORT_ONLY_CHECKS));
  }

  private static RuntimeUnderTest startAnother(PayaraMicroServer.Builder builder) {
    PayaraMicroServer keycloakServer = builder.start();
    if (keycloakServer.deploymentFailed()) {
      String log = keycloakServer.log();
      keycloakServer.close();
      throw new IllegalStateException("the application did not deploy:\n" + log);
    }
    return RuntimeUnderTest.of(keycloakServer.baseUri(), keycloakServer::log,
        keycloakServer::close);
  }

  @Override
  public RuntimeUnderTest runtime() {
    return RuntimeUnderTest.of(server.baseUri(), server::log, server::close);
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

  /** Payara's own MP-JWT would be a second verifier of bearer tokens. */
  @Test
  void anApplicationThatTurnsOnTheServersOwnMpJwtIsNotDeployed() {
    try (PayaraMicroServer mpJwt = builder(Path.of(System.getProperty("compat.war-mpjwt")))
        .start()) {
      assertThat(mpJwt.deploymentFailed()).as(mpJwt.log()).isTrue();
      assertThat(mpJwt.log()).contains("@LoginConfig(authMethod = \"MP-JWT\") on"
          + " dev.gatehouse.compat.mpjwt.MpJwtApplication turns on the server's own"
          + " MicroProfile JWT");
    }
  }

  /** Payara's Jersey writes with JSON-B (Yasson). */
  @Override
  protected JsonBinding applicationJson() {
    return JsonBinding.JSON_B;
  }

  @Override
  protected String refusalOfTheBrokenApplication() {
    try (PayaraMicroServer broken = builder(Path.of(System.getProperty("compat.war-broken")))
        .start()) {
      if (!broken.deploymentFailed()) {
        throw new AssertionError("the broken application deployed:\n" + broken.log());
      }
      return broken.failureText().orElse("") + "\n" + broken.log();
    }
  }
}
