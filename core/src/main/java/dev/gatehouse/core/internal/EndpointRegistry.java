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
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
  private final ResourceOrigins origins = new ResourceOrigins();
  /** The start-up refusal, given again to a runtime that shows more classes after it. */
  private GatehouseConfigException refusal;
  /** Whether an application endpoint was shown before the first request. */
  private volatile boolean sawApplication;
  private volatile boolean serving;
  private volatile boolean blind;

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
   * Prepares and lints the classes not seen yet, all together so one message lists every problem
   * once: the modules' refusals and the lint's violations of every class shown.
   *
   * @param runtimeParts objects the runtime handed Gatehouse, whose jars are the runtime's own
   *     ({@link ResourceOrigins})
   * @throws GatehouseConfigException when a module cannot protect an endpoint, or the lint fails;
   *     at start-up the same refusal again for any later class, so a runtime that goes on
   *     deploying after a refusal neither starts nor prints a second, partial list
   */
  synchronized void discover(Collection<Class<?>> classes, Object... runtimeParts) {
    for (Object part : runtimeParts) {
      origins.runtime(part);
    }
    if (refusal != null) {
      throw refusal;
    }
    GatehouseConfigException refused = prepare(classes);
    if (refused != null) {
      refusal = refused;
      LOG.log(System.Logger.Level.ERROR, refused.getMessage());
      throw refused;
    }
  }

  /**
   * Prepares and lints {@code classes}, and keeps their plans unless something is refused.
   *
   * @return the refusal listing every problem, or null
   */
  private GatehouseConfigException prepare(Collection<Class<?>> classes) {
    List<Class<?>> fresh = new ArrayList<>();
    for (Class<?> c : classes) {
      if (c != null && !discovered.contains(c) && !fresh.contains(c) && hasEndpoints(c)) {
        fresh.add(c);
      }
    }
    if (fresh.isEmpty()) {
      return null;
    }
    List<Endpoint> found = new ArrayList<>();
    fresh.forEach(c -> found.addAll(endpointsOf(c)));
    Set<String> problems = new LinkedHashSet<>();
    List<EndpointPlan> built = new ArrayList<>();
    for (Endpoint e : found) {
      problems.addAll(unenforced(e));
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
    List<Class<?>> application = fresh.stream().filter(origins::isApplication).toList();
    List<EndpointLint.Result> linted = lint.lint(application, this::coreFacts);
    problems.addAll(lint.failures(linted));
    if (!problems.isEmpty()) {
      return new GatehouseConfigException(List.copyOf(problems));
    }
    lint.record(linted);
    built.forEach(p -> plans.put(new Key(p.endpoint().resourceClass(), p.endpoint().method()), p));
    discovered.addAll(fresh);
    endpoints.addAll(found);
    if (!application.isEmpty() && !serving) {
      sawApplication = true;
    }
    return null;
  }

  private final Set<Class<?>> configured = ConcurrentHashMap.newKeySet();

  /** Notes the root resource classes the application's configuration names. */
  void configured(Collection<Class<?>> classes) {
    configured.addAll(classes);
  }

  /** The root resource classes the application's configuration named. */
  List<Class<?>> configuredResources() {
    return List.copyOf(configured);
  }

  /** Whether no class has been shown yet, so a runtime's first view should bring every class. */
  boolean nothingShownYet() {
    return discovered.isEmpty() && refusal == null;
  }

  /**
   * The plan for a request's resource method; prepares its class first if no one showed it. The
   * first request decides whether Gatehouse saw the application at start-up at all: if it saw no
   * application endpoint, the lint was blind, and every endpoint request is refused from then on.
   */
  EndpointPlan plan(Class<?> type, Method method) {
    if (!serving) {
      startServing();
    }
    EndpointPlan p = plans.get(new Key(type, method));
    if (p != null && !blind) {
      return p;
    }
    if (Endpoint.httpMethodOf(method).isEmpty()) {
      return plans.computeIfAbsent(new Key(type, method),
          k -> EndpointPlan.notAnEndpoint(settings.body().maxBytes()));
    }
    if (blind) {
      return blindPlan(type, method);
    }
    GatehouseConfigException refused;
    synchronized (this) {
      refused = prepare(List.of(type));
    }
    if (refused != null) {
      LOG.log(System.Logger.Level.ERROR, "Gatehouse refuses every request to "
          + type.getName() + " until this is fixed: " + refused.getMessage());
      synchronized (this) {
        discovered.add(type);
        for (Endpoint e : endpointsOf(type)) {
          plans.put(new Key(type, e.method()), refusedPlan(e, "endpoint_refused_at_first_request"));
        }
      }
    }
    return plans.computeIfAbsent(new Key(type, method),
        k -> EndpointPlan.notAnEndpoint(settings.body().maxBytes()));
  }

  private synchronized void startServing() {
    if (serving) {
      return;
    }
    serving = true;
    if (!sawApplication && refusal == null) {
      blind = true;
      LOG.log(System.Logger.Level.ERROR, BLIND);
    }
  }

  static final String BLIND = "Gatehouse refuses to start: it runs, but the runtime showed it"
      + " none of the application's resource methods before the first request, so the endpoint"
      + " lint could check nothing and no endpoint was prepared; every request to an endpoint is"
      + " refused with a 500. Let the runtime discover Gatehouse's providers (a beans.xml or"
      + " Jandex index in gatehouse-core's jar must not be excluded from scanning, e.g. by"
      + " quarkus.index-dependency or a jboss-deployment-structure.xml), or register"
      + " dev.gatehouse.core.GatehouseCoreFeature in your Application together with your"
      + " resources";

  private EndpointPlan blindPlan(Class<?> type, Method method) {
    return plans.compute(new Key(type, method), (k, existing) ->
        existing != null && existing.refusal() != null ? existing
            : refusedPlan(new Endpoint(type, method, Endpoint.httpMethodOf(method).orElseThrow(),
                Endpoint.template(type, method)), "endpoints_not_seen_at_start"));
  }

  private EndpointPlan refusedPlan(Endpoint e, String reason) {
    EndpointPlan plan;
    try {
      plan = plan(e);
    } catch (GatehouseConfigException x) {
      plan = new EndpointPlan(e, settings.body().maxBytes(), false, null, false, List.of(),
          requiredMarks, null, Map.of(), false);
    }
    return plan.refused(reason);
  }

  /** Every endpoint seen so far. */
  List<Endpoint> endpoints() {
    return List.copyOf(endpoints);
  }

  private EndpointPlan plan(Endpoint e) {
    boolean docs = DocsGate.isDocsPath(e.path());
    return new EndpointPlan(e, bodyLimit(e), docs, docs ? docsRecheck(e) : null, paged(e),
        sortParameters(e), requiredMarks, null, Map.of(),
        e.annotation(dev.gatehouse.core.ClearSiteData.class).isPresent());
  }

  /** Whether {@code e} takes a {@code @BeanParam PageRequest}, whose bounds core enforces. */
  static boolean paged(Endpoint e) {
    return e.boundParameters().stream().anyMatch(b -> b.parameter().getType() == PageRequest.class
        && b.source() == dev.gatehouse.core.lint.BoundParameter.Source.BEAN);
  }

  /** The query parameters of {@code e} bound to {@code SortSpec}, checked against allowlists. */
  static List<String> sortParameters(Endpoint e) {
    return e.boundParameters().stream().filter(b -> b.parameter().getType() == SortSpec.class
        && b.source() == dev.gatehouse.core.lint.BoundParameter.Source.QUERY)
        .map(dev.gatehouse.core.lint.BoundParameter::name).toList();
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

  /** What core enforces on {@code e} that the attack kit must know: its body-size limit. */
  private Map<String, String> coreFacts(Endpoint e) {
    try {
      return Map.of("max-body-size", Long.toString(bodyLimit(e)));
    } catch (GatehouseConfigException refused) {
      return Map.of(); // refused by plan(e), in the same start-up message
    }
  }

  EndpointLint lint() {
    return lint;
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
}
