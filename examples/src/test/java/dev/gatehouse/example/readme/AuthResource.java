package dev.gatehouse.example.readme;

// readme:auth-resource
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.jwt.IssuedTokens;
import dev.gatehouse.jwt.TokenIssuer;
import dev.gatehouse.passwords.PasswordHasher;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.*;
import java.util.Map;

@Path("/auth")
public class AuthResource {
  @Inject TokenIssuer tokens;
  @Inject PasswordHasher passwords;
  @Inject Users users;

  @POST @Path("/login") @PermitAll
  public IssuedTokens login(@Valid LoginRequest r) {
    User u = users.findByEmail(r.email());                       // may be null
    if (!passwords.verify(u == null ? null : u.passwordHash(), r.password()) || u == null) {
      throw new ProblemException(Problem.of(401).detail("Wrong email or password."));
    }
    return tokens.issue(u.id().toString(), u.roles(), Map.of());
  }

  @POST @Path("/refresh") @PermitAll
  public IssuedTokens refresh(@Valid RefreshRequest r) { return tokens.refresh(r.refreshToken()); }
}
// readme:end
