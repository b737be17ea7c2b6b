package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Other verifiers of who the caller is, which would run beside Gatehouse's with other rules: a
 * container that checks bearer tokens before Jakarta REST (with its own algorithms, keys and
 * claims) or enforces {@code @RolesAllowed} with its own identity. Two verifiers with different
 * rules are how a pinned algorithm gets bypassed or a valid token gets refused, so Gatehouse
 * refuses to start beside one, naming it and saying how to remove it.
 *
 * <p>A Quarkus extension is on the class path exactly when it is installed, so these are detected
 * by their runtime classes.
 */
final class IdentityConflicts {

  /** A class that is present only when the conflicting layer is installed, and what to do. */
  private static final Map<String, String> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put("io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism", "the Quarkus extension"
        + " quarkus-smallrye-jwt verifies bearer tokens before Gatehouse, with its own rules;"
        + " remove the dependency io.quarkus:quarkus-smallrye-jwt — Gatehouse verifies tokens"
        + " itself and provides @Inject JsonWebToken");
    KNOWN.put("io.quarkus.oidc.runtime.BearerAuthenticationMechanism", "the Quarkus extension"
        + " quarkus-oidc verifies bearer tokens before Gatehouse, with its own rules; remove the"
        + " dependency io.quarkus:quarkus-oidc from this service");
    KNOWN.put("io.quarkus.security.runtime.SecurityIdentityAssociation", "Quarkus security"
        + " (io.quarkus:quarkus-security, brought in by extensions such as quarkus-smallrye-jwt,"
        + " quarkus-oidc or quarkus-elytron-security-*) enforces @RolesAllowed with its own"
        + " identity, which never sees Gatehouse's tokens; remove the extension that brings it");
  }

  private IdentityConflicts() {
  }

  /**
   * @throws GatehouseConfigException listing every conflicting layer present
   */
  static void refuseIfPresent() {
    List<String> found = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = IdentityConflicts.class.getClassLoader();
    }
    for (Map.Entry<String, String> e : KNOWN.entrySet()) {
      if (present(e.getKey(), loader)) {
        found.add(e.getValue());
      }
    }
    if (!found.isEmpty()) {
      throw new GatehouseConfigException(found);
    }
  }

  private static boolean present(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
