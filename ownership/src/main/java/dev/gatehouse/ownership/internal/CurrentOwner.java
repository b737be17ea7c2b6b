package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.ownership.Owner;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The request's owner, read from the token the jwt module verified (which holds it, and produces
 * it for {@code @Inject JsonWebToken}) when first asked — after authentication; produces
 * {@link Owner} for injection, request-scoped.
 */
@RequestScoped
public class CurrentOwner {

  @Inject
  JsonWebToken token;

  private Owner owner;

  @PostConstruct
  void read() {
    String subject = token.getSubject();
    owner = subject == null || subject.isBlank() ? null
        : new Owner(subject, token.getGroups() == null ? Set.of() : token.getGroups());
  }

  /** The owner, or a 401 for anonymous callers. */
  public Owner require() {
    if (owner == null) {
      throw new ProblemException(Problem.unauthorized("owner_required"));
    }
    return owner;
  }

  /**
   * Request-scoped, so {@code @Inject Owner} is a client proxy that follows the request in a
   * bean of any scope, never the first caller's owner kept by a singleton.
   */
  @Produces
  @RequestScoped
  Owner owner() {
    return require();
  }
}
