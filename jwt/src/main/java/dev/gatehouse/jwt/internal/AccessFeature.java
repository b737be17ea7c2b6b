package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.jwt.RecheckRoles;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import dev.gatehouse.core.lint.Endpoint;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * Binds one {@link AccessFilter} to every resource method, from {@code @DenyAll},
 * {@code @RolesAllowed} and {@code @PermitAll} — the method's own annotation over its class's,
 * as Jakarta Annotations §3 orders them; {@code @RolesAllowed("**")} means any authenticated
 * caller. A method with none requires an authenticated caller: nothing is public by omission. Methods that are not endpoints (sub-resource locators, a
 * runtime's internal handlers) are skipped.
 */
public final class AccessFeature implements DynamicFeature {

  /** {@code @RolesAllowed("**")}: any authenticated caller, whatever their roles. */
  public static final String ANY_AUTHENTICATED = "**";

  private final JwtRuntime runtime;

  public AccessFeature(JwtRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null || Endpoint.httpMethodOf(method).isEmpty()) {
      return;
    }
    AccessFilter.Rule rule = rule(method);
    if (rule == null) {
      rule = rule(type);
    }
    if (rule == null) {
      rule = AccessFilter.Rule.authenticated();
    }
    boolean recheck = method.isAnnotationPresent(RecheckRoles.class)
        || type.isAnnotationPresent(RecheckRoles.class);
    String where = type.getSimpleName() + "#" + method.getName();
    if (recheck && rule.roles().isEmpty()) {
      throw new GatehouseConfigException("@RecheckRoles on " + where + " needs @RolesAllowed: it"
          + " re-checks the allowed roles against the application's RoleSource");
    }
    if (recheck && runtime.roleSource().isEmpty()) {
      throw new GatehouseConfigException("@RecheckRoles on " + where + " needs a RoleSource bean:"
          + " implement dev.gatehouse.jwt.RoleSource as an @ApplicationScoped bean reading the"
          + " subject's current roles from your data");
    }
    context.register(new AccessFilter(rule, recheck ? runtime : null), Priorities.AUTHORIZATION);
  }

  private static AccessFilter.Rule rule(AnnotatedElement element) {
    if (element.isAnnotationPresent(DenyAll.class)) {
      return AccessFilter.Rule.denyAll();
    }
    RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
    if (roles != null) {
      // "**" is Jakarta Authorization's "any authenticated user"
      return Set.of(roles.value()).contains(ANY_AUTHENTICATED) ? AccessFilter.Rule.authenticated()
          : AccessFilter.Rule.roles(Set.of(roles.value()));
    }
    if (element.isAnnotationPresent(PermitAll.class)) {
      return AccessFilter.Rule.permitAll();
    }
    return null;
  }

}
