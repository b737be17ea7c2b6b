package dev.gatehouse.core.spi;

import dev.gatehouse.core.lint.Endpoint;
import java.util.List;

/**
 * One Gatehouse module, as core sees it — for Gatehouse's own modules, not for applications.
 * Each module lists itself in {@code META-INF/services/dev.gatehouse.core.spi.GatehouseModule}, so
 * that core knows every module on the class path without a CDI extension:
 *
 * <ul>
 *   <li>registering any Gatehouse feature by hand registers the {@link #providers()} of every
 *       module present (adding the dependency is the switch, as on runtimes that scan for
 *       {@code @Provider} classes);</li>
 *   <li>every resource method is {@link #prepare prepared} by every module once, at start-up when
 *       the runtime shows it, so a module refuses start-up for an endpoint it cannot protect; what
 *       it returns is the module's plan for the endpoint, which its filters read per request with
 *       {@link Matched#plan} — the same reading the endpoint report is made from;</li>
 *   <li>a request to a resource method is served only if the request filter of every module has
 *       {@link Guarantees#claim claimed} it ({@link #requestMark()}); otherwise core refuses it
 *       with a 500 — a module the runtime did not install fails closed, never open;</li>
 *   <li>every endpoint's HTTP contract is {@link #document documented} by every module from its
 *       own reading of the annotations — the one its filters enforce — so that a generated OpenAPI
 *       document says what Gatehouse answers;</li>
 *   <li>a module that can ask the application's data for a caller's current roles offers a
 *       {@link #roleRecheck() RoleRecheck}, which core's documentation gate uses, so core needs no
 *       type of that module.</li>
 * </ul>
 */
public interface GatehouseModule {

  /** A short name, e.g. {@code jwt}. */
  String name();

  /**
   * The module's Jakarta REST providers (filters, interceptors, readers, converters, mappers,
   * dynamic features), each a {@code @Provider} class with a public no-argument constructor.
   */
  List<Class<?>> providers();

  /**
   * Annotations this module enforces, by class name, beyond its own: the jwt module enforces
   * {@code jakarta.annotation.security.RolesAllowed} and {@code DenyAll}. An endpoint carrying one
   * that no module present enforces refuses start-up — an annotation nobody enforces is a promise
   * the application does not keep.
   */
  default java.util.Set<String> enforcedAnnotations() {
    return java.util.Set.of();
  }

  /**
   * The request property the module's request filter sets on every request to a resource method
   * it has checked, or null when the module has no per-request guarantee.
   */
  default String requestMark() {
    return null;
  }

  /**
   * The module's way of re-checking a caller's roles against the application's own data, when it
   * has one — the jwt module does when the application has a {@code RoleSource} bean. Asked when
   * an endpoint is prepared (the documentation gate needs one while documentation is enabled, or
   * the application does not start), so the answer may depend on the application's beans.
   */
  default java.util.Optional<RoleRecheck> roleRecheck() {
    return java.util.Optional.empty();
  }

  /**
   * Validates and precomputes what the module enforces on {@code endpoint}.
   *
   * @return the module's plan for the endpoint (read back with {@link Matched#plan}), or null
   * @throws dev.gatehouse.core.config.GatehouseConfigException when the module cannot protect the
   *     endpoint as annotated (the application must not start, or the request is refused)
   */
  default Object prepare(Endpoint endpoint) {
    return null;
  }

  /**
   * Adds what the module enforces on {@code endpoint} to its documented contract: who may call it,
   * and the problem responses the module may answer. Reads the annotations with the same reader as
   * {@link #prepare} and the module's filters, but needs no runtime or settings — it runs wherever
   * a document is generated, also before (or without) the application's start.
   */
  default void document(Endpoint endpoint, EndpointContract contract) {
  }
}
