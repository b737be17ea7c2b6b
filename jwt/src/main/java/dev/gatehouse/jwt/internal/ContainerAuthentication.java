package dev.gatehouse.jwt.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Gatehouse as the container's Jakarta Security authentication mechanism, for servers whose
 * container enforces {@code @RolesAllowed} on Jakarta REST resources itself — Payara registers its
 * own role filter for every application, which asks Jakarta Security for the caller and answers a
 * container 401 page when there is none. When the container asks ({@code authenticate()}), it is
 * told the caller Gatehouse verified — the same token, the same verifier, the same roles — so the
 * container's check and Gatehouse's agree; there is never a second verifier with other rules.
 *
 * <p>It does nothing otherwise: Gatehouse's own filters run before the container's (401, 403 and
 * their problem bodies are Gatehouse's), and on servers that merely call every mechanism on every
 * request (WildFly) nothing changes. Where the Jakarta Security API is absent (Quarkus, a plain
 * servlet container) this class is never loaded.
 */
@ApplicationScoped
public class ContainerAuthentication implements HttpAuthenticationMechanism {

  @Inject
  CurrentToken holder;
  @Inject
  JwtRuntime runtime;

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request,
      HttpServletResponse response, HttpMessageContext context) {
    if (!context.isAuthenticationRequest()) {
      return context.doNothing();
    }
    Verified token = verified().orElseGet(() -> verify(request));
    if (token == null) {
      return context.doNothing();
    }
    return context.notifyContainerAboutLogin(token.token(), token.roles());
  }

  /** The token Gatehouse's filter verified for this request. */
  private Optional<Verified> verified() {
    try {
      return holder.verified();
    } catch (RuntimeException noRequestScope) {
      return Optional.empty();
    }
  }

  /**
   * The request's bearer token if Gatehouse's verifier accepts it, else null: when the container
   * asks before Gatehouse's filter has run.
   */
  private Verified verify(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || header.length() > runtime.settings().maxTokenBytes() + 7) {
      return null;
    }
    try {
      return runtime.verifier().verify(header.substring(7).trim());
    } catch (AuthenticationFailure | RuntimeException refused) {
      return null;
    }
  }
}
