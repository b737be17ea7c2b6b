package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.spi.Lazy;
import dev.gatehouse.core.spi.RoleRecheck;
import dev.gatehouse.jwt.RoleSource;
import dev.gatehouse.jwt.SubjectGoneException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one re-check of a caller's roles against the application's {@link RoleSource}: what
 * {@code @RecheckRoles} methods ({@link AccessFilter}) and core's documentation gate (through
 * {@link JwtModule#roleRecheck()}) both ask, so a demoted or deleted caller is treated alike by
 * both. The subject is the token's {@code sub} (the principal's name for other principals); a
 * {@link SubjectGoneException} is {@link Answer#SUBJECT_GONE}; no roles, or none of those asked
 * for, is {@link Answer#NOT_HELD}; anything else the role source throws — a
 * {@code StoreUnavailableException} when its data cannot be read — reaches the caller (503).
 */
final class RoleSourceRecheck implements RoleRecheck {

  private final RoleSource source;

  RoleSourceRecheck(RoleSource source) {
    this.source = source;
  }

  /**
   * The re-check of the running application's role source, looked up the first time it is asked
   * (a provider that re-checks is created before the application's beans can be looked up).
   */
  static RoleSourceRecheck ofApplication() {
    Lazy<RoleSource> application = new Lazy<>(() -> JwtRuntime.current().roleSource()
        .orElseThrow(() -> new IllegalStateException("no RoleSource bean, though one was present"
            + " when the endpoint was prepared")));
    return new RoleSourceRecheck(subject -> application.get().currentRoles(subject));
  }

  @Override
  public Answer recheck(SecurityContext caller, Set<String> roles) {
    Principal principal = caller.getUserPrincipal();
    String subject = principal instanceof JsonWebToken jwt ? jwt.getSubject() : principal.getName();
    Set<String> current;
    try {
      current = source.currentRoles(subject);
    } catch (SubjectGoneException gone) {
      return Answer.SUBJECT_GONE;
    }
    if (current == null) {
      return Answer.NOT_HELD;
    }
    for (String role : roles) {
      if (current.contains(role)) {
        return Answer.HELD;
      }
    }
    return Answer.NOT_HELD;
  }
}
