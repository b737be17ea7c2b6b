package dev.gatehouse.core.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * API documentation that a runtime serves by itself, outside the application, where Gatehouse's
 * docs gate ({@code gatehouse.docs.*}) never sees the request: anyone could read it. Gatehouse
 * ships {@code mp.openapi.extensions.enabled=false} (WildFly's {@code /openapi}) as a low-ordinal
 * default; where a runtime's endpoint is on anyway, the application does not start — documentation
 * is served through a resource behind the gate, or not at all.
 */
final class RuntimeDocs {

  private RuntimeDocs() {
  }

  /**
   * @throws GatehouseConfigException naming the setting that turns each such endpoint off
   */
  static void refuseIfServed(Config config) {
    List<String> problems = new ArrayList<>();
    if (config.getOptionalValue("mp.openapi.extensions.enabled", String.class)
        .map(v -> v.trim().equalsIgnoreCase("true")).orElse(false)) {
      problems.add("mp.openapi.extensions.enabled: \"true\" makes WildFly serve /openapi by"
          + " itself, to anyone, outside Gatehouse's docs gate; set it to false and serve"
          + " documentation through a resource (gatehouse.docs.enabled and gatehouse.docs.roles)");
    }
    if (present("io.quarkus.smallrye.openapi.runtime.OpenApiHandler")
        && !config.getOptionalValue("quarkus.smallrye-openapi.enabled", String.class)
            .map(v -> v.trim().equalsIgnoreCase("false")).orElse(false)) {
      problems.add("quarkus.smallrye-openapi.enabled: the quarkus-smallrye-openapi extension"
          + " serves /q/openapi by itself, to anyone, outside Gatehouse's docs gate; set"
          + " quarkus.smallrye-openapi.enabled=false and serve documentation through a resource"
          + " (gatehouse.docs.enabled and gatehouse.docs.roles), or remove the extension");
    }
    if (!problems.isEmpty()) {
      throw new GatehouseConfigException(problems);
    }
  }

  private static boolean present(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class.forName(name, false, loader != null ? loader : RuntimeDocs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
