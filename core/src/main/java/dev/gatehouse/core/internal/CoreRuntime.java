package dev.gatehouse.core.internal;

import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.PeerAddressSource;
import dev.gatehouse.core.spi.GatehouseModule;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.Config;

/**
 * Core's state for one application: the validated settings, the Gatehouse modules present, the
 * endpoint registry and the peer-address source. A CDI bean that observes the application's start,
 * so that settings are read and refused at start-up on every runtime — and so that Quarkus keeps
 * it although providers only look it up.
 */
@ApplicationScoped
public class CoreRuntime {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");

  @Inject
  Instance<PeerAddressSource> customPeers;
  @Inject
  Config config;

  private volatile CoreSettings settings;
  private volatile com.fasterxml.jackson.databind.ObjectMapper strictMapper;
  private volatile com.fasterxml.jackson.databind.ObjectMapper lenientMapper;
  private volatile EndpointRegistry endpoints;
  private List<GatehouseModule> modules;
  private PeerAddresses peers;
  private java.nio.file.Path reportFile;
  private final RolloutReports rollout = new RolloutReports();

  /** The runtime of the running application. */
  public static CoreRuntime current() {
    return CDI.current().select(CoreRuntime.class).get();
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    settings(); // reads and validates now: a bad setting stops the application here
  }

  @PostConstruct
  void init() {
    modules = discoverModules();
    dev.gatehouse.core.internal.metrics.Metering.bindApplication();
    peers = new PeerAddresses(customPeers.isResolvable() ? customPeers.get() : null);
    RuntimeDocs.refuseIfServed(config);
    reportFile = reportFile(config);
    use(CoreSettings.fromConfig(config));
  }

  /** Replaces the settings read from configuration with settings built in code. */
  public synchronized void use(CoreSettings explicit) {
    CoreSettings previous = settings;
    settings = Objects.requireNonNull(explicit);
    strictMapper = dev.gatehouse.core.StrictJson.mapper(explicit.json());
    lenientMapper = explicit.rollout().json() ? LenientJson.mapper(explicit.json()) : null;
    endpoints = new EndpointRegistry(explicit,
        new EndpointLint(explicit.lint(), EndpointLint.discoverRules(),
            modules.stream().map(GatehouseModule::name).toList(), explicit.rollout().checks(),
            reportFile), modules);
    if (!explicit.equals(previous)) {
      LOG.log(System.Logger.Level.INFO, explicit.summary() + "; modules "
          + modules.stream().map(GatehouseModule::name).toList());
      if (!explicit.rollout().checks().isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "Gatehouse is NOT ENFORCING "
            + String.join(", ", explicit.rollout().checks()) + " ("
            + dev.gatehouse.core.RolloutSettings.REPORT_ONLY + "): requests these checks would"
            + " refuse are served, and each is a security event with \"enforced\":false."
            + " Remove the setting once those events stop, to enforce them");
      }
    }
  }

  /** The would-be refusals of the checks in report-only mode, counted. */
  public RolloutReports rollout() {
    return rollout;
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    CoreSettings s = settings;
    if (s != null) {
      rollout.logTotals(s.rollout().checks());
    }
  }

  public CoreSettings settings() {
    return settings;
  }

  /** The strict mapper of the settings in force, built once. */
  public com.fasterxml.jackson.databind.ObjectMapper strictMapper() {
    return strictMapper;
  }

  /** The mapper of a body's second, lenient reading while {@code json} is report-only. */
  com.fasterxml.jackson.databind.ObjectMapper lenientMapper() {
    return lenientMapper;
  }

  /** The Gatehouse modules on the class path, core first. */
  public List<GatehouseModule> modules() {
    return modules;
  }

  /**
   * Prepares and lints resource classes at start-up.
   *
   * @param runtimeParts objects the runtime handed over ({@code FeatureContext},
   *     {@code ResourceInfo}, …): resource classes from their jars are the runtime's own, neither
   *     linted nor reported
   * @throws dev.gatehouse.core.config.GatehouseConfigException when one cannot be protected
   */
  public void discover(Collection<Class<?>> resourceClasses, Object... runtimeParts) {
    endpoints.discover(resourceClasses, runtimeParts);
  }

  /** Every endpoint the lint checked so far, as data (see {@link EndpointReport}). */
  public dev.gatehouse.core.lint.EndpointReport endpointReport() {
    return endpoints.lint().report();
  }

  /** {@code gatehouse.lint.report-file}, checked: its folder must exist. */
  static java.nio.file.Path reportFile(Config config) {
    dev.gatehouse.core.config.ConfigReader in = dev.gatehouse.core.config.ConfigReader.of(config);
    java.nio.file.Path file = in.string(dev.gatehouse.core.lint.EndpointReport.REPORT_FILE)
        .filter(s -> !s.isBlank()).map(java.nio.file.Path::of).orElse(null);
    if (file != null) {
      java.nio.file.Path dir = file.toAbsolutePath().getParent();
      if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
        in.problem(dev.gatehouse.core.lint.EndpointReport.REPORT_FILE, file.toString(),
            "must be a file in an existing folder; create " + dir + " or unset it");
      }
    }
    in.check();
    return file;
  }

  EndpointRegistry endpoints() {
    return endpoints;
  }

  /** Every endpoint seen so far (for modules that route by path, like CORS preflights). */
  public List<dev.gatehouse.core.lint.Endpoint> knownEndpoints() {
    return endpoints.endpoints();
  }

  String peer(jakarta.ws.rs.container.ContainerRequestContext request) {
    return peers.peer(request);
  }

  static List<GatehouseModule> discoverModules() {
    List<GatehouseModule> found = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (GatehouseModule m : ServiceLoader.load(GatehouseModule.class,
        loader != null ? loader : CoreRuntime.class.getClassLoader())) {
      if (found.stream().noneMatch(f -> f.name().equals(m.name()))) {
        found.add(m);
      }
    }
    found.sort(Comparator.comparing((GatehouseModule m) -> !m.name().equals("core"))
        .thenComparing(GatehouseModule::name));
    return List.copyOf(found);
  }
}
