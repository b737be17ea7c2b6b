package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Refuses to start an application that turns on its server's own MicroProfile JWT with
 * {@code @LoginConfig(authMethod = "MP-JWT")} (WildFly, Payara, Open Liberty): that would be a
 * second verifier of bearer tokens, with its own keys, algorithms and claims, in front of
 * Gatehouse's. Checked once, as the runtime deploys the first resource method — where providers
 * are registered by hand; servlet containers that scan do it with {@link ContainerJwtListener}.
 */
@Provider
public final class ContainerJwtCheck implements DynamicFeature {

  /**
   * The runtime's configuration: on Jersey (a {@code ResourceConfig}) it is the application,
   * wrapping the user's own. Not {@code @Context Application}: Quarkus REST resolves
   * {@code @Context} fields of providers through CDI, where an application's own
   * {@code @ApplicationPath} class in its main module is a second {@code Application} bean beside
   * Quarkus's producer — an ambiguous dependency that fails the application's build.
   */
  @Context
  private Configuration configuration;

  private final AtomicBoolean checked = new AtomicBoolean();

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    if (!(configuration instanceof Application application)
        || !checked.compareAndSet(false, true)) {
      return; // RESTEasy's configuration is no Application: ContainerJwtListener checks there
    }
    refuseIfItTurnsOnMpJwt(unwrapped(application).getClass());
  }

  /**
   * @throws GatehouseConfigException when {@code applicationClass} (or a superclass) carries
   *     {@code @LoginConfig(authMethod = "MP-JWT")}
   */
  static void refuseIfItTurnsOnMpJwt(Class<?> applicationClass) {
    for (Class<?> c = applicationClass; c != null && c != Object.class; c = c.getSuperclass()) {
      LoginConfig login = c.getAnnotation(LoginConfig.class);
      if (login != null && "MP-JWT".equalsIgnoreCase(login.authMethod())) {
        throw new GatehouseConfigException("@LoginConfig(authMethod = \"MP-JWT\") on "
            + c.getName() + " turns on the server's own MicroProfile JWT: a second verifier of"
            + " bearer tokens, with its own keys and rules, in front of Gatehouse's; remove it —"
            + " Gatehouse verifies tokens (gatehouse.jwt.*) and provides @Inject JsonWebToken");
      }
    }
  }

  /**
   * The application's own class: Jersey injects its {@code ResourceConfig} wrapper, which hands
   * out the wrapped application with a public {@code getApplication()}.
   */
  private static Application unwrapped(Application app) {
    Application current = app;
    for (int depth = 0; depth < 4; depth++) {
      try {
        Object inner = current.getClass().getMethod("getApplication").invoke(current);
        if (!(inner instanceof Application next) || next == current) {
          return current;
        }
        current = next;
      } catch (ReflectiveOperationException | RuntimeException notAWrapper) {
        return current;
      }
    }
    return current;
  }
}
