package dev.gatehouse.cors;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.cors.internal.Origin;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The CORS policy (Fetch standard, CORS protocol), validated so that unsafe settings never reach a
 * request.
 *
 * <ul>
 *   <li>{@code gatehouse.cors.allowed-origins} — exact origins; empty (default) = no CORS for
 *       anyone
 *   <li>{@code gatehouse.cors.allow-credentials} — default {@code true}
 *   <li>{@code gatehouse.cors.allowed-methods} — default GET, HEAD, POST, PUT, PATCH, DELETE
 *   <li>{@code gatehouse.cors.allowed-headers} — default Authorization, Content-Type, X-Request-Id
 *   <li>{@code gatehouse.cors.exposed-headers} — default Location, Retry-After, RateLimit,
 *       RateLimit-Policy, X-Request-Id
 *   <li>{@code gatehouse.cors.max-age} — default PT10M, at most P1D
 *   <li>{@code gatehouse.cors.allow-any-origin} — default false; only with credentials off
 *   <li>{@code gatehouse.cors.allow-insecure-origins} — default false; permits {@code http://}
 *       origins other than localhost
 * </ul>
 */
public final class CorsSettings {

  public static final String ORIGINS = "gatehouse.cors.allowed-origins";
  public static final String CREDENTIALS = "gatehouse.cors.allow-credentials";
  public static final String METHODS = "gatehouse.cors.allowed-methods";
  public static final String HEADERS = "gatehouse.cors.allowed-headers";
  public static final String EXPOSED = "gatehouse.cors.exposed-headers";
  public static final String MAX_AGE = "gatehouse.cors.max-age";
  public static final String ANY_ORIGIN = "gatehouse.cors.allow-any-origin";
  public static final String INSECURE = "gatehouse.cors.allow-insecure-origins";

  public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT",
      "PATCH", "DELETE");
  public static final List<String> DEFAULT_HEADERS = List.of("Authorization", "Content-Type",
      "X-Request-Id");
  public static final List<String> DEFAULT_EXPOSED = List.of("Location", "Retry-After",
      "RateLimit", "RateLimit-Policy", "X-Request-Id");
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

  private static final String EXAMPLE = "e.g. https://app.example.com";

  private final Set<Origin> origins;
  private final boolean anyOrigin;
  private final boolean credentials;
  private final List<String> methods;
  private final List<String> headers;
  private final List<String> exposed;
  private final Duration maxAge;
  private final boolean insecureAllowed;

  private CorsSettings(Set<Origin> origins, boolean anyOrigin, boolean credentials,
      List<String> methods, List<String> headers, List<String> exposed, Duration maxAge,
      boolean insecureAllowed) {
    this.origins = Set.copyOf(origins);
    this.anyOrigin = anyOrigin;
    this.credentials = credentials;
    this.methods = List.copyOf(methods);
    this.headers = List.copyOf(headers);
    this.exposed = List.copyOf(exposed);
    this.maxAge = maxAge;
    this.insecureAllowed = insecureAllowed;
  }

  public static CorsSettings fromConfig(Config config) {
    return ConfigReader.read(config, CorsSettings::read);
  }

  static CorsSettings read(ConfigReader in) {
    boolean credentials = in.bool(CREDENTIALS).orElse(true);
    boolean allowAny = in.bool(ANY_ORIGIN).orElse(false);
    boolean insecure = in.bool(INSECURE).orElse(false);
    List<String> raw = in.list(ORIGINS).orElse(List.of());
    boolean any = false;
    Set<Origin> origins = new LinkedHashSet<>();
    for (String value : raw) {
      if (value.equals("*")) {
        if (credentials) {
          in.problem(ORIGINS, value, "cannot be combined with allow-credentials=true; list the"
              + " exact origins, " + EXAMPLE);
        } else if (!allowAny) {
          in.problem(ORIGINS, value, "lets every web site call this API; list the exact origins,"
              + " " + EXAMPLE + ", or set " + ANY_ORIGIN + "=true for a deliberately public API"
              + " without credentials");
        } else {
          any = true;
        }
        continue;
      }
      String problem = originProblem(value, insecure);
      if (problem != null) {
        in.problem(ORIGINS, value, problem);
      } else {
        origins.add(Origin.parse(value).orElseThrow());
      }
    }
    if (allowAny && credentials) {
      in.problem(ANY_ORIGIN, "true", "needs " + CREDENTIALS + "=false: any origin with"
          + " credentials would let every web site act as the logged-in user");
    }
    List<String> methods = tokens(in, METHODS, in.list(METHODS).orElse(DEFAULT_METHODS), true);
    List<String> headers = tokens(in, HEADERS, in.list(HEADERS).orElse(DEFAULT_HEADERS), false);
    List<String> exposed = tokens(in, EXPOSED, in.list(EXPOSED).orElse(DEFAULT_EXPOSED), false);
    Duration maxAge = in.duration(MAX_AGE).orElse(DEFAULT_MAX_AGE);
    if (maxAge.isNegative() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
      in.problem(MAX_AGE, maxAge.toString(), "must be from PT0S to P1D, e.g. PT10M");
    }
    return new CorsSettings(origins, any, credentials, methods, headers, exposed, maxAge, insecure);
  }

  /** Why {@code value} cannot be an allowed origin, or null when it can. */
  public static String originProblem(String value, boolean insecureAllowed) {
    if (value.equalsIgnoreCase("null")) {
      return "is the origin of sandboxed frames and local files, which any page can take on;"
          + " list the exact origins, " + EXAMPLE;
    }
    if (value.contains("*")) {
      return "has a wildcard; list each exact origin instead, " + EXAMPLE;
    }
    var parsed = Origin.parse(value);
    if (parsed.isEmpty()) {
      return "is not an exact origin (scheme://host[:port], without path, query, user info or"
          + " wildcard); " + EXAMPLE;
    }
    if (parsed.get().scheme().equals("http") && !parsed.get().isLoopback() && !insecureAllowed) {
      return "is not HTTPS, so anyone on the network path can impersonate it; use https://, or"
          + " set " + INSECURE + "=true for development";
    }
    return null;
  }

  private static List<String> tokens(ConfigReader in, String name, List<String> values,
      boolean upper) {
    List<String> out = new java.util.ArrayList<>();
    for (String v : values) {
      if (!v.matches("[A-Za-z0-9!#$%&'+.^_`|~-]+")) {
        in.problem(name, v, "must be HTTP tokens listed one by one; * is not allowed with"
            + " credentials (Fetch standard), name each, e.g. Authorization, Content-Type");
        continue;
      }
      out.add(upper ? v.toUpperCase(Locale.ROOT) : v);
    }
    return out;
  }

  public Set<Origin> origins() {
    return origins;
  }

  public boolean anyOrigin() {
    return anyOrigin;
  }

  public boolean allowCredentials() {
    return credentials;
  }

  public List<String> methods() {
    return methods;
  }

  public List<String> headers() {
    return headers;
  }

  public List<String> exposedHeaders() {
    return exposed;
  }

  public Duration maxAge() {
    return maxAge;
  }

  public boolean insecureAllowed() {
    return insecureAllowed;
  }

  /** Whether any CORS is configured at all. */
  public boolean active() {
    return anyOrigin || !origins.isEmpty();
  }

  @Override
  public String toString() {
    return "CorsSettings[origins=" + (anyOrigin ? "*" : origins.toString()) + ", credentials="
        + credentials + ", methods=" + methods + ", headers=" + headers + ", max-age=" + maxAge
        + "]";
  }
}
