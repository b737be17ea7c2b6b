package dev.gatehouse.compat.runtime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract against a built Quarkus application, its {@code quarkus-run.jar} started with the
 * signing key in its environment and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuarkusContract extends RuntimeContract implements OwnedEntityContract {

  private final Tokens tokens = Tokens.random();
  private RuntimeUnderTest app;

  /** The module that built the application, e.g. {@code quarkus-rest}. */
  abstract String module();

  @BeforeAll
  void start() {
    app = QuarkusApps.start("compat." + module(), tokens);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Override
  public RuntimeUnderTest runtime() {
    return app;
  }

  @Override
  public Tokens tokens() {
    return tokens;
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
