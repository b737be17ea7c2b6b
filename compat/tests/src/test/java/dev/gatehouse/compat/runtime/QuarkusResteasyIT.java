package dev.gatehouse.compat.runtime;

/**
 * Quarkus 3.33 with RESTEasy classic (quarkus-resteasy, quarkus-resteasy-jackson,
 * quarkus-hibernate-validator): the application and Gatehouse found by Quarkus's own scanning, no
 * Gatehouse-specific setting.
 */
class QuarkusResteasyIT extends QuarkusContract {

  @Override
  String module() {
    return "quarkus-resteasy";
  }
}
