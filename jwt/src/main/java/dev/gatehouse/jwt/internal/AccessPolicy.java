package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.jwt.RecheckRoles;
import dev.gatehouse.jwt.RequireScopes;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call one endpoint — the single reading of {@code @DenyAll}, {@code @RolesAllowed} and
 * {@code @PermitAll} that both the endpoint report and {@link AccessFilter} use, so the report can
 * never promise what is not enforced. The method's own annotation wins over its class's (Jakarta
 * Annotations §3); {@code @RolesAllowed("**")} means any authenticated caller (Jakarta
 * Authorization's "any authenticated user"); an endpoint with none requires an authenticated
 * caller — nothing is public by omission — and the lint asks for an explicit choice.
 *
 * @param kind who may call
 * @param roles the allowed roles, for {@link Kind#ROLES}
 * @param recheck whether the roles are re-checked against the application's {@code RoleSource}
 * @param declared whether an annotation said so (false: the authenticated default)
 * @param scopes the scopes the token must all hold ({@link RequireScopes}), beside the roles
 */
record AccessPolicy(Kind kind, Set<String> roles, boolean recheck, boolean declared,
    Set<String> scopes) {

  AccessPolicy(Kind kind, Set<String> roles, boolean recheck, boolean declared) {
    this(kind, roles, recheck, declared, Set.of());
  }

  /** {@code @RolesAllowed("**")}: any authenticated caller, whatever their roles. */
  static final String ANY_AUTHENTICATED = "**";

  enum Kind { PERMIT_ALL, DENY_ALL, AUTHENTICATED, ROLES }

  /**
   * Reads the endpoint's annotations.
   *
   * @throws GatehouseConfigException when {@code @RecheckRoles} has no {@code @RolesAllowed}, or
   *     {@code @RequireScopes} is empty or stands beside {@code @PermitAll} or {@code @DenyAll}
   */
  static AccessPolicy of(Endpoint endpoint) {
    AccessPolicy declared = read(endpoint.method());
    if (declared == null) {
      declared = read(endpoint.resourceClass());
    }
    RequireScopes required = endpoint.method().getAnnotation(RequireScopes.class);
    if (required == null) {
      required = endpoint.resourceClass().getAnnotation(RequireScopes.class);
    }
    Set<String> scopes = required == null ? Set.of() : scopes(endpoint, required);
    AccessPolicy p = declared != null ? declared
        : new AccessPolicy(Kind.AUTHENTICATED, Set.of(), false, !scopes.isEmpty());
    if (!scopes.isEmpty()) {
      if (p.kind() == Kind.PERMIT_ALL || p.kind() == Kind.DENY_ALL) {
        throw new GatehouseConfigException("@RequireScopes on " + endpoint.name() + " requires a"
            + " token, which " + (p.kind() == Kind.PERMIT_ALL ? "@PermitAll" : "@DenyAll")
            + " contradicts: remove one of them");
      }
      p = new AccessPolicy(p.kind(), p.roles(), p.recheck(), p.declared(), scopes);
    }
    boolean recheck = endpoint.annotation(RecheckRoles.class).isPresent();
    if (recheck && p.kind() != Kind.ROLES) {
      throw new GatehouseConfigException("@RecheckRoles on " + endpoint.name() + " needs"
          + " @RolesAllowed: it re-checks the allowed roles against the application's RoleSource");
    }
    return recheck ? new AccessPolicy(p.kind(), p.roles(), true, p.declared(), p.scopes()) : p;
  }

  private static Set<String> scopes(Endpoint endpoint, RequireScopes required) {
    Set<String> scopes = new java.util.LinkedHashSet<>();
    for (String s : required.value()) {
      // RFC 6749 §3.3: a scope token is printable ASCII without space, '"' or '\'
      if (s == null || !s.matches("[\\x21\\x23-\\x5b\\x5d-\\x7e]+")) {
        throw new GatehouseConfigException("@RequireScopes on " + endpoint.name() + " names \""
            + s + "\", which is not an OAuth scope (RFC 6749 §3.3: printable ASCII without space,"
            + " '\"' or '\\')");
      }
      scopes.add(s);
    }
    if (scopes.isEmpty()) {
      throw new GatehouseConfigException("@RequireScopes on " + endpoint.name() + " names no"
          + " scope; list at least one, e.g. @RequireScopes(\"notes:read\")");
    }
    return Set.copyOf(scopes);
  }

  private static AccessPolicy read(AnnotatedElement element) {
    if (element.isAnnotationPresent(DenyAll.class)) {
      return new AccessPolicy(Kind.DENY_ALL, Set.of(), false, true);
    }
    RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
    if (roles != null) {
      return Set.of(roles.value()).contains(ANY_AUTHENTICATED)
          ? new AccessPolicy(Kind.AUTHENTICATED, Set.of(), false, true)
          : new AccessPolicy(Kind.ROLES, Set.of(roles.value()), false, true);
    }
    if (element.isAnnotationPresent(PermitAll.class)) {
      return new AccessPolicy(Kind.PERMIT_ALL, Set.of(), false, true);
    }
    return null;
  }

  /** The report's "who" column: {@code anyone}, {@code nobody}, {@code authenticated}, roles. */
  String describe() {
    String who = switch (kind) {
      case PERMIT_ALL -> "anyone";
      case DENY_ALL -> "nobody";
      case AUTHENTICATED -> "authenticated";
      case ROLES -> "roles " + String.join(", ", new TreeSet<>(List.copyOf(roles)));
    };
    return who + (recheck ? " (re-checked)" : "") + (scopes.isEmpty() ? ""
        : "; scopes " + String.join(", ", new TreeSet<>(scopes)));
  }
}
