package dev.gatehouse.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Quarkus 3.33 with Quarkus REST (quarkus-rest, quarkus-rest-jackson, quarkus-hibernate-validator):
 * the application and Gatehouse found by Quarkus's own scanning, no Gatehouse-specific setting.
 */
class QuarkusRestIT extends QuarkusContract {

  @Override
  String module() {
    return "quarkus-rest";
  }

  @Override
  protected boolean runtimeSendsAllowOn405() {
    return false;
  }

  /** Quarkus's own JWT extension verifies tokens before Jakarta REST: never two verifiers. */
  @Test
  void refusesToStartBesideQuarkusSmallryeJwt() {
    assertThat(QuarkusApps.refusal("compat.quarkus-rest-smallrye-jwt", tokens()))
        .contains("Gatehouse refuses to start")
        .contains("the Quarkus extension quarkus-smallrye-jwt verifies bearer tokens before"
            + " Gatehouse, with its own rules; remove the dependency io.quarkus:quarkus-smallrye-jwt");
  }
}
