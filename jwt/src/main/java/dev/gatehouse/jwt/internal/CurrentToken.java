package dev.gatehouse.jwt.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Holds the verified token of the current request and produces it for {@code @Inject
 * JsonWebToken}. Anonymous requests get a token with no claims, as MicroProfile JWT specifies.
 */
@RequestScoped
public class CurrentToken {

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

  private JsonWebToken token = ANONYMOUS;

  void set(JsonWebToken verified) {
    this.token = verified;
  }

  @Produces
  @RequestScoped
  JsonWebToken current() {
    return token;
  }
}
