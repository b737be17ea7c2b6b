package dev.gatehouse.passwords.internal;

import dev.gatehouse.passwords.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Reads and validates {@code gatehouse.password.*} when the application starts, so that a refused
 * value stops it then, on every runtime — and not at its first login, when the
 * {@link PasswordHasher} bean is first made and the service has already been declared healthy.
 * Only the limits are read here: the hasher itself, and the dummy hash it computes for unknown
 * users (19 MiB, a few dozen milliseconds), are still made on first use.
 *
 * <p>A CDI bean of this module, found as its other beans are ({@code beans.xml} and the Jandex
 * index), so the check is there exactly when the module is: nothing to register, and no other
 * module needs to know about passwords.
 */
@ApplicationScoped
public class PasswordLimitsCheck {

  @Inject
  Config config;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // a GatehouseConfigException thrown here aborts the container's start: fail closed
    PasswordHasher.PasswordLimits.fromConfig(config);
  }
}
