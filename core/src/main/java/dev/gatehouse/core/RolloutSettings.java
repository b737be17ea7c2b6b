package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code gatehouse.rollout.report-only}: the checks Gatehouse evaluates on every request but does
 * not enforce while a service adopts it — the request is served, and what enforcement would have
 * refused is fired as the same {@link SecurityEvent}, marked {@link SecurityEvent#enforced() not
 * enforced}. Never the default: unset, every check is enforced.
 *
 * <ul>
 *   <li>{@code jwt}: a refused token is served as an anonymous request, an anonymous caller and a
 *       caller without the role or scope an endpoint names are served; {@code @DenyAll} stays
 *       enforced (it says "never"), and a refused token never becomes an identity;
 *   <li>{@code json}: a body with unknown fields, a duplicate key, a coerced scalar, a null for a
 *       primitive or data after the value is read leniently; the stream limits (nesting depth,
 *       number, string and name length, element counts), UTF-8, control characters and Bean
 *       Validation stay enforced;
 *   <li>{@code ratelimit}: a call over an {@code @RateLimited} or default policy is served,
 *       without a 429; {@code RateLimits.check} and {@code attempt} hold (a password-guess limit
 *       that lets guesses through is the attack itself), and so does {@code on-store-failure}.
 * </ul>
 *
 * <p>Refused outright, with the reason: {@code ownership}, {@code cors} and {@code body} (see
 * {@link #NEVER}), and any other name.
 *
 * <pre>{@code
 * RolloutSettings rollout = RolloutSettings.reportOnly("jwt", "json");
 * }</pre>
 */
public final class RolloutSettings {

  public static final String REPORT_ONLY = "gatehouse.rollout.report-only";

  /** Bearer authentication and access annotations ({@code gatehouse-jwt}). */
  public static final String JWT = "jwt";
  /** The shape rules of strict JSON. */
  public static final String JSON = "json";
  /** {@code @RateLimited} and the default policy ({@code gatehouse-ratelimit}). */
  public static final String RATELIMIT = "ratelimit";

  /** The checks that may be report-only. */
  public static final Set<String> CHECKS = Set.of(JWT, JSON, RATELIMIT);

  /** The checks that can only be safe when enforced, each with the reason. */
  public static final Map<String, String> NEVER = never();

  private static final RolloutSettings ENFORCE_ALL = new RolloutSettings(Set.of());

  private final Set<String> reportOnly;
  private final boolean jwt;
  private final boolean json;
  private final boolean ratelimit;

  private RolloutSettings(Set<String> reportOnly) {
    this.reportOnly = Set.copyOf(reportOnly);
    this.jwt = reportOnly.contains(JWT);
    this.json = reportOnly.contains(JSON);
    this.ratelimit = reportOnly.contains(RATELIMIT);
  }

  private static Map<String, String> never() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ownership", "an @Owned object is found for its owner only"
        + " (OwnershipResolver.findOwned(id, owner)): serving the request would mean fetching it"
        + " for someone who does not own it and handing it to the method — the breach itself —"
        + " and an object that is not found is a 404 with or without Gatehouse");
    m.put("cors", "granting an origin that is not listed, with credentials, is the exposure"
        + " itself, and a refused origin is a browser's refusal that breaks no server-side client;"
        + " list the origins in gatehouse.cors.allowed-origins instead");
    m.put("body", "reading a body past the cap is the denial of service the cap exists to"
        + " prevent; raise gatehouse.body.max-bytes, or @MaxBodySize on the endpoints that need"
        + " more");
    m.put("core", "name the check: json (strict JSON's shape rules); the body cap, the JSON stream"
        + " limits, the headers, HTTPS, the docs gate and paging are always enforced");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Every check enforced: the default. */
  public static RolloutSettings enforceAll() {
    return ENFORCE_ALL;
  }

  /**
   * These checks report instead of refusing; every other is enforced.
   *
   * @throws IllegalArgumentException naming the property, the check and why, for a check that can
   *     only be safe when enforced ({@link #NEVER}) or that does not exist
   */
  public static RolloutSettings reportOnly(String... checks) {
    Set<String> found = new TreeSet<>();
    for (String c : checks) {
      String check = c == null ? "" : c.trim().toLowerCase(java.util.Locale.ROOT);
      if (NEVER.containsKey(check)) {
        throw new IllegalArgumentException(ConfigReader.describe(REPORT_ONLY, check,
            "cannot be report-only: " + NEVER.get(check)));
      }
      if (!CHECKS.contains(check)) {
        throw new IllegalArgumentException(ConfigReader.describe(REPORT_ONLY, check,
            "is not a check that can be report-only; list some of jwt, json, ratelimit, or"
                + " leave the property unset to enforce everything"));
      }
      found.add(check);
    }
    return found.isEmpty() ? ENFORCE_ALL : new RolloutSettings(found);
  }

  static RolloutSettings read(ConfigReader in) {
    List<String> checks = in.list(REPORT_ONLY).orElse(List.of());
    return in.attempt(() -> reportOnly(checks.toArray(String[]::new))).orElse(ENFORCE_ALL);
  }

  /** The checks that only report, sorted; empty when everything is enforced. */
  public Set<String> checks() {
    return java.util.Collections.unmodifiableSet(new TreeSet<>(reportOnly));
  }

  /** Whether {@code check} only reports. */
  public boolean reportOnly(String check) {
    return reportOnly.contains(check);
  }

  /** Whether bearer authentication and access only report. */
  public boolean jwt() {
    return jwt;
  }

  /** Whether strict JSON's shape rules only report. */
  public boolean json() {
    return json;
  }

  /** Whether rate limits only report. */
  public boolean ratelimit() {
    return ratelimit;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutSettings r && r.reportOnly.equals(reportOnly);
  }

  @Override
  public int hashCode() {
    return reportOnly.hashCode();
  }

  @Override
  public String toString() {
    return reportOnly.isEmpty() ? "everything enforced" : "report-only " + checks();
  }
}
