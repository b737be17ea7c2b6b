package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.EndpointContract;
import dev.gatehouse.core.spi.GatehouseModule;
import dev.gatehouse.core.spi.RoleRecheck;
import java.util.List;
import java.util.Optional;

/** The jwt module as core sees it: bearer authentication and access control on every endpoint. */
public final class JwtModule implements GatehouseModule {

  static final String NAME = "jwt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Class<?>> providers() {
    return List.of(BearerAuthenticationFilter.class, AccessFilter.class,
        ContainerJwtCheck.class, IssuedTokensWriter.class);
  }

  @Override
  public java.util.Set<String> enforcedAnnotations() {
    return java.util.Set.of("jakarta.annotation.security.RolesAllowed",
        "jakarta.annotation.security.DenyAll", "jakarta.annotation.security.PermitAll",
        "dev.gatehouse.jwt.RequireScopes");
  }

  @Override
  public String requestMark() {
    return AccessFilter.MARK;
  }

  /** With a {@code RoleSource} bean, the re-check {@code @RecheckRoles} methods use. */
  @Override
  public Optional<RoleRecheck> roleRecheck() {
    return JwtRuntime.current().roleSource().map(RoleSourceRecheck::new);
  }

  /**
   * Also where an application that configured nothing is refused: by now settings built in code
   * have been handed over ({@code new GatehouseJwtFeature(settings)}).
   */
  @Override
  public Object prepare(Endpoint endpoint) {
    JwtRuntime runtime = JwtRuntime.current();
    runtime.settings();
    AccessPolicy policy = AccessPolicy.of(endpoint);
    if (policy.recheck() && runtime.roleSource().isEmpty()) {
      throw new GatehouseConfigException("@RecheckRoles on " + endpoint.name() + " needs a"
          + " RoleSource bean: implement dev.gatehouse.jwt.RoleSource as an @ApplicationScoped"
          + " bean reading the subject's current roles from your data");
    }
    return policy;
  }

  /**
   * From {@link AccessPolicy}, the reading {@link AccessFilter} enforces: a caller and 401 unless
   * anyone may call; 403 when roles or scopes are required, or nobody may call. A policy that
   * cannot be read is left out here: preparing the endpoint refuses it.
   */
  @Override
  public void document(Endpoint endpoint, EndpointContract contract) {
    AccessPolicy policy;
    try {
      policy = AccessPolicy.of(endpoint);
    } catch (GatehouseConfigException refused) {
      return;
    }
    switch (policy.kind()) {
      case PERMIT_ALL -> { }
      case DENY_ALL -> contract.problem(403, "Nobody may call this endpoint");
      case AUTHENTICATED, ROLES -> {
        List<String> required = new java.util.ArrayList<>(new java.util.TreeSet<>(policy.roles()));
        required.addAll(new java.util.TreeSet<>(policy.scopes()));
        contract.caller(policy.describe(), required);
        contract.problem(401, "No valid bearer token");
        if (policy.kind() == AccessPolicy.Kind.ROLES || !policy.scopes().isEmpty()) {
          contract.problem(403, "The token lacks a required "
              + (policy.kind() == AccessPolicy.Kind.ROLES ? "role" : "scope"));
        }
      }
      default -> throw new IllegalStateException(policy.kind().name());
    }
  }
}
