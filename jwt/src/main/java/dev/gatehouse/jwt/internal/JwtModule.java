package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.GatehouseModule;
import dev.gatehouse.core.spi.RoleRecheck;
import jakarta.enterprise.inject.spi.CDI;
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
        ContainerJwtCheck.class);
  }

  @Override
  public java.util.Set<String> enforcedAnnotations() {
    return java.util.Set.of("jakarta.annotation.security.RolesAllowed",
        "jakarta.annotation.security.DenyAll", "jakarta.annotation.security.PermitAll");
  }

  @Override
  public String requestMark() {
    return AccessFilter.MARK;
  }

  /** With a {@code RoleSource} bean, the re-check {@code @RecheckRoles} methods use. */
  @Override
  public Optional<RoleRecheck> roleRecheck() {
    return CDI.current().select(JwtRuntime.class).get().roleSource().isPresent()
        ? Optional.of(new RoleSourceRecheck()) : Optional.empty();
  }

  @Override
  public Object prepare(Endpoint endpoint) {
    AccessPolicy policy = AccessPolicy.of(endpoint);
    if (policy.recheck()
        && CDI.current().select(JwtRuntime.class).get().roleSource().isEmpty()) {
      throw new GatehouseConfigException("@RecheckRoles on " + endpoint.name() + " needs a"
          + " RoleSource bean: implement dev.gatehouse.jwt.RoleSource as an @ApplicationScoped"
          + " bean reading the subject's current roles from your data");
    }
    return policy;
  }
}
