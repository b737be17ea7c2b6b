package dev.gatehouse.compat.runtime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Quarkus 3.33 with Quarkus REST (quarkus-rest, quarkus-rest-jackson, quarkus-hibernate-validator):
 * the application and Gatehouse found by Quarkus's own scanning, no Gatehouse-specific setting.
 */
class QuarkusRestIT extends RuntimeContract {

  private static final Tokens TOKENS = Tokens.random();
  private static RuntimeUnderTest app;

  @BeforeAll
  static void start() {
    app = QuarkusApps.start("compat.quarkus-rest", TOKENS);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Override
  protected RuntimeUnderTest runtime() {
    return app;
  }

  @Override
  protected Tokens tokens() {
    return TOKENS;
  }

  @Override
  protected String refusalOfTheBrokenApplication() {
    return QuarkusApps.refusal("compat.quarkus-rest-broken", TOKENS);
  }
}
