package dev.gatehouse.jwt;

/**
 * What a {@link RoleSource} throws when the subject no longer exists — a deleted or closed
 * account — as opposed to a subject that exists and holds no roles (an empty set). Gatehouse then
 * ends every session of the subject: a refresh answers 401 and revokes them (and the access tokens
 * issued in them), a {@link RecheckRoles} method answers 401.
 *
 * <pre>{@code
 * public Set<String> currentRoles(String subject) {
 *   return users.byId(Long.valueOf(subject)).map(User::roles)
 *       .orElseThrow(SubjectGoneException::new);
 * }
 * }</pre>
 *
 * <p>It is a signal, not a failure: it carries no stack trace and never reaches a client.
 */
public final class SubjectGoneException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SubjectGoneException() {
    super("the subject no longer exists", null, false, false);
  }
}
