package dev.gatehouse.compat.runtime;

/**
 * Quarkus 3.33 with Quarkus REST (quarkus-rest, quarkus-rest-jackson, quarkus-hibernate-validator):
 * the application and Gatehouse found by Quarkus's own scanning, no Gatehouse-specific setting.
 */
class QuarkusRestIT extends QuarkusContract {

  @Override
  String module() {
    return "quarkus-rest";
  }
}
