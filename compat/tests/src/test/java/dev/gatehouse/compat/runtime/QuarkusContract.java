package dev.gatehouse.compat.runtime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract against a built Quarkus application, its {@code quarkus-run.jar} started with the
 * signing key in its environment and nothing else; and the same jar started a second time with
 * the Keycloak settings in its environment instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuarkusContract extends RuntimeContract
    implements OwnedEntityContract, IdentityProviderContract {

  private final Tokens tokens = Tokens.random();
  private final LazyRuntime keycloakApp = new LazyRuntime(() -> QuarkusApps.start(
      "compat." + module(), IdentityProviderContract.keycloakEnvironment(),
      "compat." + module() + "-keycloak.log"));
  private final LazyRuntime reportOnlyApp = new LazyRuntime(() -> {
    java.util.Map<String, String> env = new java.util.HashMap<>(QuarkusApps.environment(tokens));
    env.put("GATEHOUSE_ROLLOUT_REPORT_ONLY", REPORT_ONLY_CHECKS);
    return QuarkusApps.start("compat." + module(), env,
        "compat." + module() + "-report-only.log");
  });
  private RuntimeUnderTest app;
  private java.nio.file.Path report;

  /** The module that built the application, e.g. {@code quarkus-rest}. */
  abstract String module();

  @BeforeAll
  void start() {
    report = EndpointReportFile.of(module());
    java.util.Map<String, String> env = new java.util.HashMap<>(QuarkusApps.environment(tokens));
    env.put(EndpointReportFile.ENV, report.toString());
    app = QuarkusApps.start("compat." + module(), env, "compat." + module() + ".log");
  }

  @AfterAll
  void stop() {
    keycloakApp.close();
    reportOnlyApp.close();
    if (app != null) {
      app.close();
    }
  }

  @Override
  public RuntimeUnderTest runtime() {
    return app;
  }

  @Override
  public RuntimeUnderTest keycloakRuntime() {
    return keycloakApp.get();
  }

  @Override
  protected RuntimeUnderTest reportOnlyRuntime() {
    return reportOnlyApp.get();
  }

  @Override
  public Tokens tokens() {
    return tokens;
  }

  @Override
  protected java.nio.file.Path endpointReportFile() {
    return report;
  }

  /** Both Quarkus applications use the Jackson extension of their REST layer. */
  @Override
  protected JsonBinding applicationJson() {
    return JsonBinding.JACKSON;
  }

  @Override
  protected String refusalOfTheBrokenApplication() {
    return QuarkusApps.refusal("compat." + module() + "-broken", tokens);
  }
}
