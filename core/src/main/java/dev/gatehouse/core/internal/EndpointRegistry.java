package dev.gatehouse.core.internal;

import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.MaxBodySize;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.GatehouseModule;
import dev.gatehouse.core.spi.RoleRecheck;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every resource method of the application with what core enforces on it. Classes arrive as the
 * runtime shows them — all registered classes at once from {@code GatehouseCoreFeature}, class by
 * class from the dynamic feature on runtimes that scan, and any class first met by a request.
 * Each new class is prepared by every module (a module that cannot protect an endpoint refuses),
 * then linted; at start-up a refusal stops the application, at request time it refuses the
 * requests to that class's methods.
 */
final class EndpointRegistry {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");

  /** Annotations a module must enforce, or the endpoint carrying them does not start. */
  private static final java.util.Set<String> NEEDS_ENFORCEMENT = java.util.Set.of(
      "jakarta.annotation.security.RolesAllowed", "jakarta.annotation.security.DenyAll");

  /** Resource classes of runtimes themselves (WADL, health, OpenAPI): never linted or reported. */
  private static final List<String> RUNTIME_PACKAGES = List.of("org.glassfish.", "org.jboss.",
      "io.quarkus.", "org.wildfly.", "fish.payara.", "io.smallrye.", "org.apache.cxf.",
      "io.helidon.", "io.openliberty.", "com.ibm.ws.");

  private record Key(Class<?> type, Method method) {
  }

  private final CoreSettings settings;
  private final EndpointLint lint;
  private final List<GatehouseModule> modules;
  private final List<String> requiredMarks;
  private final java.util.Set<String> enforced;
  private final ConcurrentHashMap<Key, EndpointPlan> plans = new ConcurrentHashMap<>();
  private final Set<Class<?>> discovered = ConcurrentHashMap.newKeySet();
  private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
  private volatile RoleRecheck docsRecheck;

  EndpointRegistry(CoreSettings settings, EndpointLint lint, List<GatehouseModule> modules) {
    this.settings = settings;
    this.lint = lint;
    this.modules = List.copyOf(modules);
    List<String> marks = new ArrayList<>();
    marks.add(EndpointFilter.MARK);
    modules.stream().map(GatehouseModule::requestMark).filter(Objects::nonNull)
        .forEach(marks::add);
    this.requiredMarks = List.copyOf(marks);
    this.enforced = modules.stream().flatMap(m -> m.enforcedAnnotations().stream())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Prepares and lints the classes not seen yet, all together so one message lists every problem.
   *
   * @throws GatehouseConfigException when a module cannot protect an endpoint, or the lint fails
   */
  synchronized void discover(Collection<Class<?>> classes) {
    List<Class<?>> fresh = new ArrayList<>();
    for (Class<?> c : classes) {
      if (c != null && !discovered.contains(c) && !fresh.contains(c) && hasEndpoints(c)) {
        fresh.add(c);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    List<Endpoint> found = new ArrayList<>();
    fresh.forEach(c -> found.addAll(endpointsOf(c)));
    List<String> problems = new ArrayList<>();
    List<EndpointPlan> built = new ArrayList<>();
    for (Endpoint e : found) {
      unenforced(e).forEach(problems::add);
      EndpointPlan core = null;
      try {
        core = plan(e);
      } catch (GatehouseConfigException x) {
        problems.addAll(x.problems());
      }
      Map<String, Object> modulePlans = new HashMap<>();
      for (GatehouseModule m : modules) {
        try {
          Object p = m.prepare(e);
          if (p != null) {
            modulePlans.put(m.name(), p);
          }
        } catch (GatehouseConfigException x) {
          problems.addAll(x.problems());
        }
      }
      if (core != null) {
        built.add(core.withModulePlans(modulePlans));
      }
    }
    if (!problems.isEmpty()) {
      throw new GatehouseConfigException(problems);
    }
    lint.lint(fresh.stream().filter(EndpointRegistry::isApplicationClass).toList());
    built.forEach(p -> plans.put(new Key(p.endpoint().resourceClass(), p.endpoint().method()), p));
    discovered.addAll(fresh);
    endpoints.addAll(found);
  }

  /** The plan for a request's resource method; prepares its class first if no one showed it. */
  EndpointPlan plan(Class<?> type, Method method) {
    EndpointPlan p = plans.get(new Key(type, method));
    if (p != null) {
      return p;
    }
    if (Endpoint.httpMethodOf(method).isEmpty()) {
      return plans.computeIfAbsent(new Key(type, method),
          k -> EndpointPlan.notAnEndpoint(settings.body().maxBytes()));
    }
    try {
      discover(List.of(type));
    } catch (GatehouseConfigException refused) {
      LOG.log(System.Logger.Level.ERROR, "Gatehouse refuses every request to "
          + type.getName() + " until this is fixed: " + refused.getMessage());
      synchronized (this) {
        discovered.add(type);
        for (Endpoint e : endpointsOf(type)) {
          EndpointPlan plan;
          try {
            plan = plan(e);
          } catch (GatehouseConfigException x) {
            plan = new EndpointPlan(e, settings.body().maxBytes(), false, null, false, List.of(),
                requiredMarks, null, Map.of(), false);
          }
          plans.put(new Key(type, e.method()), plan.refused("endpoint_refused_at_first_request"));
        }
      }
    }
    return plans.computeIfAbsent(new Key(type, method),
        k -> EndpointPlan.notAnEndpoint(settings.body().maxBytes()));
  }

  /** Every endpoint seen so far. */
  List<Endpoint> endpoints() {
    return List.copyOf(endpoints);
  }

  private EndpointPlan plan(Endpoint e) {
    boolean paged = false;
    List<String> sorts = new ArrayList<>();
    Method method = e.method();
    Class<?>[] types = method.getParameterTypes();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == PageRequest.class && has(annotations[i], BeanParam.class)) {
        paged = true;
      }
      if (types[i] == SortSpec.class) {
        for (Annotation a : annotations[i]) {
          if (a instanceof QueryParam q) {
            sorts.add(q.value());
          }
        }
      }
    }
    boolean docs = DocsGate.isDocsPath(e.path());
    return new EndpointPlan(e, bodyLimit(e), docs, docs ? docsRecheck(e) : null, paged,
        List.copyOf(sorts), requiredMarks, null, Map.of(),
        e.annotation(dev.gatehouse.core.ClearSiteData.class).isPresent());
  }

  /**
   * While documentation is enabled, a documentation endpoint admits a caller only if the
   * application's data still grants one of {@code gatehouse.docs.roles}: a token's roles outlive a
   * demotion. Some module must offer that re-check, or the endpoint cannot be protected.
   *
   * @return the re-check, or null while documentation is hidden (every request is a 404)
   * @throws GatehouseConfigException when no module present can re-check roles
   */
  private RoleRecheck docsRecheck(Endpoint e) {
    if (!settings.docs().enabled()) {
      return null;
    }
    RoleRecheck found = docsRecheck;
    if (found == null) {
      found = modules.stream().map(GatehouseModule::roleRecheck).flatMap(Optional::stream)
          .findFirst().orElseThrow(() -> new GatehouseConfigException(ConfigReader.describe(
              DocsGate.ENABLED, "true", "shows " + e.name() + " to callers holding one of "
              + DocsGate.ROLES + " " + new java.util.TreeSet<>(settings.docs().roles())
              + ", whose roles must then be re-checked against your data on every request (a"
              + " token's roles outlive a demotion), and no Gatehouse module here can; add"
              + " dev.gatehouse:gatehouse-jwt and implement dev.gatehouse.jwt.RoleSource as an"
              + " @ApplicationScoped bean, or set " + DocsGate.ENABLED + "=false")));
      docsRecheck = found;
    }
    return found;
  }

  /** A problem for each annotation on the endpoint that needs a module and has none. */
  private List<String> unenforced(Endpoint e) {
    List<String> problems = new ArrayList<>();
    for (Annotation a : e.method().getAnnotations()) {
      check(e, a, problems);
    }
    for (Annotation a : e.resourceClass().getAnnotations()) {
      check(e, a, problems);
    }
    return problems;
  }

  private void check(Endpoint e, Annotation a, List<String> problems) {
    String name = a.annotationType().getName();
    if (NEEDS_ENFORCEMENT.contains(name) && !enforced.contains(name)) {
      problems.add(e.name() + ": @" + a.annotationType().getSimpleName() + " is enforced by no"
          + " Gatehouse module here, so it would be ignored; add the dependency"
          + " dev.gatehouse:gatehouse-jwt (bearer authentication and access control)");
    }
  }

  private long bodyLimit(Endpoint e) {
    MaxBodySize annotation = e.annotation(MaxBodySize.class).orElse(null);
    if (annotation == null) {
      return settings.body().maxBytes();
    }
    long v = annotation.value();
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new GatehouseConfigException(ConfigReader.describe("@MaxBodySize on " + e.name(), v,
          "must be from 1 to 2147483647 bytes"));
    }
    return v;
  }

  static List<Endpoint> endpointsOf(Class<?> type) {
    List<Endpoint> out = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()) {
        continue;
      }
      Endpoint.httpMethodOf(m).ifPresent(http ->
          out.add(new Endpoint(type, m, http, Endpoint.template(type, m))));
    }
    out.sort(java.util.Comparator.comparing(Endpoint::path).thenComparing(Endpoint::httpMethod));
    return out;
  }

  private static boolean hasEndpoints(Class<?> type) {
    for (Method m : type.getMethods()) {
      if (Endpoint.httpMethodOf(m).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Not a class of Jersey, RESTEasy, Quarkus, WildFly, Payara, SmallRye and the like. */
  static boolean isApplicationClass(Class<?> type) {
    String name = type.getName();
    for (String p : RUNTIME_PACKAGES) {
      if (name.startsWith(p)) {
        return false;
      }
    }
    return true;
  }

  private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
    for (Annotation a : annotations) {
      if (a.annotationType() == type) {
        return true;
      }
    }
    return false;
  }
}
