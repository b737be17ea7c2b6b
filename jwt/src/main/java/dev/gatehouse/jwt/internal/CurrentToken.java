package dev.gatehouse.jwt.internal;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one holder of the current request's verified token: set by
 * {@link BearerAuthenticationFilter}, read by everything else — {@code @Inject JsonWebToken}
 * (produced here), the ownership module's {@code Owner} (which injects that) and the container
 * mechanism ({@link ContainerAuthentication}). Jakarta REST's {@code SecurityContext}, which the
 * filter also sets, is the runtime's view of the same token, not a copy kept by Gatehouse.
 * Anonymous requests get a token with no claims, as MicroProfile JWT specifies.
 *
 * <p>An enabled alternative with a priority above smallrye-jwt's own {@code PrincipalProducer}
 * ({@code @Alternative @Priority(1)}, which servers such as WildFly pick up from the application's
 * smallrye-jwt jar): {@code @Inject JsonWebToken} is Gatehouse's verified token on every runtime.
 */
@RequestScoped
@Alternative
@Priority(CurrentToken.PRIORITY)
public class CurrentToken {

  /** Above smallrye-jwt's producer (1) and the platform's alternatives. */
  static final int PRIORITY = jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 500;

  private static final JsonWebToken ANONYMOUS = new JsonWebToken() {
    @Override
    public String getName() {
      return null;
    }

    @Override
    public Set<String> getClaimNames() {
      return Set.of();
    }

    @Override
    public <T> T getClaim(String claimName) {
      return null;
    }
  };

  private Verified verified;

  void set(Verified token) {
    this.verified = token;
  }

  /** The verified token with its roles and scopes, or empty for an anonymous request. */
  Optional<Verified> verified() {
    return Optional.ofNullable(verified);
  }

  @Produces
  @RequestScoped
  JsonWebToken current() {
    return verified != null ? verified.token() : ANONYMOUS;
  }
}
