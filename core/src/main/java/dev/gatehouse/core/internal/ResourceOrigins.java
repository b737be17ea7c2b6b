package dev.gatehouse.core.internal;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the application's resource classes from a runtime's own by where each class was loaded
 * from — never by its package, since an existing service may well live in {@code org.wildfly.…}
 * or {@code io.quarkus.…}.
 *
 * <p>The rule: a resource class is the runtime's own when its code source (the jar or directory it
 * was defined from) is the code source of one of the runtime's implementation classes that Gatehouse
 * is handed while the application deploys — the runtime's {@code ResourceInfo}, {@code
 * FeatureContext} and {@code Configuration} objects, and its {@code RuntimeDelegate}. Everything else
 * is the application's and is linted and reported: {@code WEB-INF/classes} and {@code WEB-INF/lib}
 * of a WAR, Quarkus's application jars, a class path directory. Two cases are deliberately linted
 * rather than skipped, so that the lint is never blind: a class without a code source (generated,
 * or from the boot class path), and any class of a code source that also holds Gatehouse itself
 * (a single "fat" jar holds the application as well, so its origin tells nothing).
 *
 * <p>What this excludes on the matrix: Jersey's WADL resource
 * ({@code WadlResource}, in {@code jersey-server.jar} beside Jersey's {@code ResourceInfo}
 * implementation) on Jersey and Payara when an application turns WADL back on. RESTEasy on WildFly
 * and Quarkus REST and RESTEasy classic show Gatehouse no resource class of their own (their
 * OpenAPI, health and metrics endpoints are not Jakarta REST resources).
 */
final class ResourceOrigins {

  private final Set<String> runtimeSources = ConcurrentHashMap.newKeySet();
  private final String gatehouseSource = source(ResourceOrigins.class);

  ResourceOrigins() {
    try {
      runtime(jakarta.ws.rs.ext.RuntimeDelegate.getInstance());
    } catch (RuntimeException | LinkageError noImplementation) {
      // no Jakarta REST implementation yet: the objects it hands over will name its jars
    }
  }

  /** Notes the code source of an object the runtime handed Gatehouse as the runtime's. */
  void runtime(Object implementation) {
    if (implementation == null) {
      return;
    }
    String source = source(implementation.getClass());
    if (source != null && !source.equals(gatehouseSource)) {
      runtimeSources.add(source);
    }
  }

  /** Whether {@code type} is the application's, to be linted and reported. */
  boolean isApplication(Class<?> type) {
    String source = source(type);
    return source == null || !runtimeSources.contains(source);
  }

  private static String source(Class<?> type) {
    try {
      ProtectionDomain domain = type.getProtectionDomain();
      CodeSource code = domain == null ? null : domain.getCodeSource();
      URL location = code == null ? null : code.getLocation();
      return location == null ? null : location.toExternalForm();
    } catch (SecurityException denied) {
      return null;
    }
  }
}
