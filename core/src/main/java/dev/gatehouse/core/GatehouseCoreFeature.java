package dev.gatehouse.core;

import dev.gatehouse.core.internal.ConstraintViolationMapper;
import dev.gatehouse.core.internal.EndpointFeature;
import dev.gatehouse.core.internal.EndpointLint;
import dev.gatehouse.core.internal.JacksonExceptionMappers;
import dev.gatehouse.core.internal.JsonWriteGuard;
import dev.gatehouse.core.internal.ProblemExceptionMapper;
import dev.gatehouse.core.internal.RequestContextFilter;
import dev.gatehouse.core.internal.ResponseFilter;
import dev.gatehouse.core.internal.ServletPeerAddressFilter;
import dev.gatehouse.core.internal.SortSpecConverterProvider;
import dev.gatehouse.core.internal.StrictJsonInterceptor;
import dev.gatehouse.core.internal.StrictObjectMapperResolver;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Turns on the core protections: strict JSON, body-size limit, security headers, HTTPS/HSTS,
 * trusted-proxy client address, problem+json errors, docs gate, paging and sort checks and security
 * events. Settings are read from MicroProfile Config once, here, and validated; an invalid or
 * unsafe value stops the application with a {@link dev.gatehouse.core.config.GatehouseConfigException}
 * naming the property.
 *
 * <p>CDI-scanning runtimes discover this feature by itself ({@code @Provider}); elsewhere register
 * it with the application:
 *
 * <pre>{@code
 * public class App extends ResourceConfig {
 *   public App() { register(GatehouseCoreFeature.class); register(NotesResource.class); }
 * }
 * }</pre>
 *
 * <p>It is the only entry point of the module on purpose: the filters it registers are built from
 * the validated settings, so no filter can run with unvalidated or default-by-accident values.
 */
@Provider
public final class GatehouseCoreFeature implements Feature {

  /** The application property holding the {@link CoreSettings} in force. */
  public static final String SETTINGS_PROPERTY = "dev.gatehouse.core.settings";

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");

  private final CoreSettings explicit;

  /** Reads the settings from MicroProfile Config. */
  public GatehouseCoreFeature() {
    this.explicit = null;
  }

  /** Uses settings built in code (tests, or applications without MicroProfile Config). */
  public GatehouseCoreFeature(CoreSettings settings) {
    this.explicit = java.util.Objects.requireNonNull(settings);
  }

  /**
   * For the features of Gatehouse's other modules: whether {@code module} is being configured for
   * the first time in this application (features may be registered more than once, by hand and by
   * scanning); the first time, the core module is registered too, since every module builds on it.
   */
  public static boolean installOnce(FeatureContext context, String module) {
    String key = "dev.gatehouse." + module + ".configured";
    if (context.getConfiguration().getProperty(key) != null) {
      return false;
    }
    context.property(key, Boolean.TRUE);
    if (!context.getConfiguration().isRegistered(GatehouseCoreFeature.class)) {
      context.register(GatehouseCoreFeature.class);
    }
    return true;
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (context.getConfiguration().getProperty(SETTINGS_PROPERTY) != null) {
      return false;
    }
    CoreSettings settings = explicit != null ? explicit
        : CoreSettings.fromConfig(ConfigProvider.getConfig());
    context.property(SETTINGS_PROPERTY, settings);
    context.property(PageRequest.SETTINGS_PROPERTY, settings.paging());

    PeerAddressSource peers = customPeerAddressSource();
    if (peers == null) {
      peers = request -> request.getProperty(PeerAddressSource.PROPERTY) instanceof String s
          ? s : null;
      if (ServletPeerAddressFilter.available()) {
        context.register(ServletPeerAddressFilter.class);
      } else {
        LOG.log(System.Logger.Level.WARNING, "Gatehouse cannot see socket peer addresses on this"
            + " runtime: provide a PeerAddressSource bean; until then every client counts as"
            + " 0.0.0.0 and forwarding headers are ignored");
      }
    }
    context.register(new RequestContextFilter(settings, peers));
    EndpointLint lint = new EndpointLint(settings.lint(), EndpointLint.discoverRules());
    java.util.List<Class<?>> resources = new java.util.ArrayList<>(
        context.getConfiguration().getClasses());
    context.getConfiguration().getInstances().forEach(i -> resources.add(i.getClass()));
    lint.lint(resources);
    context.register(new EndpointFeature(settings, lint));
    context.register(new StrictObjectMapperResolver(settings.json()));
    context.register(new StrictJsonInterceptor());
    context.register(new JsonWriteGuard());
    context.register(new SortSpecConverterProvider());
    context.register(new ProblemExceptionMapper());
    context.register(new ConstraintViolationMapper());
    context.register(new JacksonExceptionMappers.Parse(), JacksonExceptionMappers.PRIORITY);
    context.register(new JacksonExceptionMappers.Mapping(), JacksonExceptionMappers.PRIORITY);
    context.register(new ResponseFilter(settings.headers(),
        settings.https().hstsHeader().orElse(null)));

    LOG.log(System.Logger.Level.INFO, settings.summary());
    return true;
  }

  private static PeerAddressSource customPeerAddressSource() {
    try {
      Instance<PeerAddressSource> custom = CDI.current().select(PeerAddressSource.class);
      if (custom.isResolvable()) {
        return custom.get();
      }
    } catch (IllegalStateException noContainer) {
      // no CDI here: fall through to the servlet source
    }
    return null;
  }
}
