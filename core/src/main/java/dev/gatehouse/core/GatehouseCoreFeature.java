package dev.gatehouse.core;

import dev.gatehouse.core.internal.CoreRuntime;
import dev.gatehouse.core.spi.GatehouseModule;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns Gatehouse on in an application that registers its providers by hand: registers the
 * providers of core and of every other Gatehouse module on the class path (adding a module's
 * dependency is what turns it on — as on runtimes that scan for {@code @Provider} classes, where
 * no feature is needed at all), then prepares and lints the registered resources, so an endpoint
 * Gatehouse cannot protect stops the application here.
 *
 * <pre>{@code
 * public class App extends ResourceConfig {
 *   public App() { register(GatehouseCoreFeature.class); register(NotesResource.class); }
 * }
 * }</pre>
 *
 * <p>Settings are read from MicroProfile Config and validated at start-up; an invalid or unsafe
 * value stops the application with a {@link dev.gatehouse.core.config.GatehouseConfigException}
 * naming the property. Registering it twice, or together with another module's feature, installs
 * everything once.
 */
public final class GatehouseCoreFeature implements Feature {

  /** The application property set once Gatehouse's providers are registered. */
  public static final String INSTALLED_PROPERTY = "dev.gatehouse.installed";

  private final CoreSettings explicit;

  /** Reads the settings from MicroProfile Config. */
  public GatehouseCoreFeature() {
    this.explicit = null;
  }

  /** Uses settings built in code instead of those read from MicroProfile Config. */
  public GatehouseCoreFeature(CoreSettings settings) {
    this.explicit = Objects.requireNonNull(settings);
  }

  /**
   * Registers every Gatehouse module's providers with {@code context} unless that was done
   * already, and prepares the registered resources; what each module's feature does.
   */
  public static boolean install(FeatureContext context) {
    return install(context, null);
  }

  @Override
  public boolean configure(FeatureContext context) {
    return install(context, explicit);
  }

  private static boolean install(FeatureContext context, CoreSettings explicit) {
    CoreRuntime runtime = CoreRuntime.current();
    if (explicit != null) {
      runtime.use(explicit);
    }
    Configuration config = context.getConfiguration();
    boolean first = config.getProperty(INSTALLED_PROPERTY) == null;
    if (first) {
      context.property(INSTALLED_PROPERTY, Boolean.TRUE);
      for (GatehouseModule module : runtime.modules()) {
        for (Class<?> provider : module.providers()) {
          if (!config.isRegistered(provider)) {
            context.register(provider);
          }
        }
      }
    }
    List<Class<?>> resources = new ArrayList<>(config.getClasses());
    config.getInstances().forEach(i -> resources.add(i.getClass()));
    runtime.discover(resources, context, config);
    return first || explicit != null;
  }
}
