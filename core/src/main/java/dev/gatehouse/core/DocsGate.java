package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Hides API documentation: {@code /openapi*}, {@code /swagger-ui*}, {@code /q/openapi*},
 * {@code /q/swagger-ui*}, {@code /docs*}, {@code /api-docs*} and {@code /application.wadl} answer
 * 404 — the same 404 as any unknown path — unless {@code gatehouse.docs.enabled=true}; then only
 * callers holding one of {@code gatehouse.docs.roles} (default {@code admin}) see them (401
 * without credentials, 403 without the role). The role must be in the caller's credentials and,
 * asked on every request, still in the application's data — through the jwt module's
 * {@code RoleSource}, as for {@code @RecheckRoles} — so a demoted administrator's unexpired token
 * no longer reads the documentation (403; 401 when the account is gone; 503 when the data cannot
 * be read). An application with enabled documentation and nothing that can re-check roles does
 * not start.
 *
 * <pre>{@code
 * gatehouse.docs.enabled=true
 * gatehouse.docs.roles=admin, auditor
 * }</pre>
 */
public final class DocsGate {

  public static final String ENABLED = "gatehouse.docs.enabled";
  public static final String ROLES = "gatehouse.docs.roles";
  public static final List<String> DEFAULT_ROLES = List.of("admin");

  /** Path prefixes, lower case, without the leading slash. */
  static final List<String> PREFIXES = List.of("openapi", "swagger-ui", "q/openapi",
      "q/swagger-ui", "docs", "api-docs", "application.wadl");

  private final boolean enabled;
  private final Set<String> roles;

  private DocsGate(boolean enabled, List<String> roles) {
    this.enabled = enabled;
    this.roles = Set.copyOf(roles);
  }

  public static DocsGate hidden() {
    return new DocsGate(false, DEFAULT_ROLES);
  }

  /** Docs visible to callers with one of {@code roles}. */
  public static DocsGate forRoles(List<String> roles) {
    if (roles == null || roles.isEmpty()
        || !roles.stream().allMatch(r -> r.matches("[A-Za-z0-9_.:-]{1,64}"))) {
      throw new IllegalArgumentException(ConfigReader.describe(ROLES, roles,
          "must list at least one role name, e.g. admin; docs are never public"));
    }
    return new DocsGate(true, roles);
  }

  public static DocsGate fromConfig(Config config) {
    return ConfigReader.read(config, DocsGate::read);
  }

  static DocsGate read(ConfigReader in) {
    boolean on = in.bool(ENABLED).orElse(false);
    List<String> roles = in.list(ROLES).orElse(DEFAULT_ROLES);
    if (!on) {
      return hidden();
    }
    return in.attempt(() -> forRoles(roles)).orElseGet(DocsGate::hidden);
  }

  public boolean enabled() {
    return enabled;
  }

  public Set<String> roles() {
    return roles;
  }

  /**
   * Whether a request path (relative to the application, leading slash optional, matrix
   * parameters and repeated slashes ignored, any case) is a documentation path.
   */
  public static boolean isDocsPath(String path) {
    String p = normalise(path);
    for (String prefix : PREFIXES) {
      if (p.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String path) {
    StringBuilder b = new StringBuilder(path.length());
    for (String segment : path.split("/")) {
      int semi = segment.indexOf(';');
      String s = semi >= 0 ? segment.substring(0, semi) : segment;
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(s);
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return enabled ? "DocsGate[roles=" + roles + "]" : "DocsGate[hidden]";
  }
}
