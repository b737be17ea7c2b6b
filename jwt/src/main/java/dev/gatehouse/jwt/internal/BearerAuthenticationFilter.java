package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.spi.Guarantees;
import dev.gatehouse.core.spi.Lazy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authentication (priority {@code AUTHENTICATION}): a token comes only from
 * {@code Authorization: Bearer} (RFC 6750 §2.1) — or a cookie, when one is configured — never from
 * the query string. No token: the request stays anonymous and authorization decides. A token that
 * fails any check: 401 with {@code WWW-Authenticate: Bearer} and the same body whatever failed —
 * answered by {@link AccessFilter} after the rate-limit filter has counted the call.
 * A valid one: a {@link SecurityContext} whose principal is the {@link JsonWebToken} and whose
 * roles are those read from the claims {@code gatehouse.jwt.roles-claims} names ({@code groups}
 * unless set) ({@code isUserInRole("**")} is true for any authenticated caller, as
 * Jakarta Authorization defines it, so a container's own {@code @RolesAllowed("**")} check agrees),
 * and the token in the request's {@link CurrentToken}, where everything else reads it.
 */
@Provider
@Priority(GatehousePriorities.AUTHENTICATION)
public final class BearerAuthenticationFilter implements ContainerRequestFilter {

  /** The request property holding the 401 for a refused token, answered by {@link AccessFilter}. */
  static final String REFUSED = "dev.gatehouse.jwt.refused";

  /** The request property holding the verified token's scopes, read by {@link AccessFilter}. */
  static final String SCOPES = "dev.gatehouse.jwt.scopes";

  private static final String BEARER = "Bearer ";
  private static final String MARK = "dev.gatehouse.jwt.bearer";

  /**
   * What the filter uses.
   *
   * @param verifier checks a presented token
   * @param maxTokenBytes a longer {@code Authorization} value is refused before anything else
   * @param cookie the cookie a token may come in when there is no header, or null
   * @param holder the request's token holder
   */
  record Uses(TokenVerifier verifier, int maxTokenBytes, String cookie, CurrentToken holder) {

    static Uses of(JwtRuntime runtime) {
      return new Uses(runtime.verifier(), runtime.settings().maxTokenBytes(),
          runtime.settings().cookie().orElse(null), runtime.currentToken().get());
    }
  }

  private final Supplier<Uses> uses;

  /** What the Jakarta REST runtime creates: it uses the running application's verifier. */
  public BearerAuthenticationFilter() {
    this(new Lazy<>(() -> Uses.of(JwtRuntime.current())));
  }

  BearerAuthenticationFilter(Supplier<Uses> uses) {
    this.uses = uses;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!Guarantees.claim(request, MARK)) {
      return;
    }
    Uses with = uses.get();
    String token = token(with, request);
    if (token == null) {
      return;
    }
    Verified verified;
    try {
      verified = with.verifier().verify(token);
    } catch (AuthenticationFailure f) {
      refuse(request, f.reason());
      return;
    }
    authenticate(with.holder(), request, verified);
  }

  /**
   * Records the 401 instead of answering it at once: the rate-limit filter, which runs next, then
   * counts the refused call against the client's address (a flood of forged tokens is not free),
   * and {@link AccessFilter} answers the 401 — the same one whatever failed.
   */
  private static void refuse(ContainerRequestContext request, String reason) {
    request.setProperty(REFUSED, Problem.unauthorized(reason));
  }

  private static String token(Uses with, ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (header.length() > with.maxTokenBytes() + BEARER.length()) {
        refuse(request, "token_too_large");
        return null;
      }
      if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        String t = header.substring(BEARER.length()).trim();
        return t.isEmpty() ? malformed(request) : t;
      }
      return null;
    }
    if (with.cookie() != null) {
      Cookie c = request.getCookies().get(with.cookie());
      return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }
    return null;
  }

  private static String malformed(ContainerRequestContext request) {
    refuse(request, "malformed");
    return null;
  }

  private static void authenticate(CurrentToken holder, ContainerRequestContext request,
      Verified verified) {
    boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
    JsonWebToken jwt = verified.token();
    Set<String> groups = verified.roles();
    request.setProperty(SCOPES, verified.scopes());
    request.setSecurityContext(new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return jwt;
      }

      @Override
      public boolean isUserInRole(String role) {
        return groups.contains(role) || AccessPolicy.ANY_AUTHENTICATED.equals(role);
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public String getAuthenticationScheme() {
        return "Bearer";
      }
    });
    try {
      holder.set(verified);
    } catch (ContextNotActiveException noRequestScope) {
      // runtime without a CDI request context here: the SecurityContext still carries the token
    }
  }
}
