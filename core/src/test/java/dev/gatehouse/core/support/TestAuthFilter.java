package dev.gatehouse.core.support;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/**
 * Stands in for the jwt module in core's tests: {@code X-Test-User: alice;admin,user} authenticates
 * alice with roles admin and user. Test code only.
 */
@Priority(Priorities.AUTHENTICATION)
public final class TestAuthFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString("X-Test-User");
    if (header == null) {
      return;
    }
    String[] parts = header.split(";", 2);
    String name = parts[0];
    Set<String> roles = parts.length > 1 ? Set.of(parts[1].split(",")) : Set.of();
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return () -> name;
      }

      @Override
      public boolean isUserInRole(String role) {
        return roles.contains(role);
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public String getAuthenticationScheme() {
        return "TEST";
      }
    });
  }
}
