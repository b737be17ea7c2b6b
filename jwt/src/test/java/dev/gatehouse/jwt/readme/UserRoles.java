package dev.gatehouse.jwt.readme;

// readme:role-source
import dev.gatehouse.jwt.RoleSource;
import dev.gatehouse.jwt.SubjectGoneException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

@ApplicationScoped
public class UserRoles implements RoleSource {
  @Inject Users users;

  public Set<String> currentRoles(String subject) {
    return users.byId(Long.valueOf(subject)).map(User::roles)
        .orElseThrow(SubjectGoneException::new);    // deleted: every session of it ends
  }
}
// readme:end
