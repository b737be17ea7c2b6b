package dev.gatehouse.cors;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.cors.internal.Origin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The CORS policy (Fetch standard, CORS protocol), validated so that unsafe settings never reach a
 * request. Built in code with {@link #builder()}, or read from MicroProfile Config through the same
 * builder, so both pass the same checks:
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
 *
 * <pre>{@code
 * CorsSettings cors = CorsSettings.builder()
 *     .allowedOrigins(List.of("https://app.example.com"))
 *     .build();
 * register(new GatehouseCorsFeature(cors));
 * }</pre>
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

  private final Set<String> origins;
  private final boolean anyOrigin;
  private final boolean credentials;
  private final List<String> methods;
  private final List<String> headers;
  private final List<String> exposed;
  private final Duration maxAge;
  private final boolean insecureAllowed;

  private CorsSettings(Builder b) {
    this.origins = Collections.unmodifiableSet(new LinkedHashSet<>(b.origins));
    this.anyOrigin = b.anyOrigin;
    this.credentials = b.credentials;
    this.methods = b.methods;
    this.headers = b.headers;
    this.exposed = b.exposed;
    this.maxAge = b.maxAge;
    this.insecureAllowed = b.insecureAllowed;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static CorsSettings fromConfig(Config config) {
    return ConfigReader.read(config, CorsSettings::read);
  }

  static CorsSettings read(ConfigReader in) {
    Builder b = builder();
    in.bool(CREDENTIALS).ifPresent(b::allowCredentials);
    in.bool(ANY_ORIGIN).ifPresent(b::allowAnyOrigin);
    in.bool(INSECURE).ifPresent(b::allowInsecureOrigins);
    in.list(ORIGINS).ifPresent(v -> in.apply(b::allowedOrigins, v));
    in.list(METHODS).ifPresent(v -> in.apply(b::allowedMethods, v));
    in.list(HEADERS).ifPresent(v -> in.apply(b::allowedHeaders, v));
    in.list(EXPOSED).ifPresent(v -> in.apply(b::exposedHeaders, v));
    in.duration(MAX_AGE).ifPresent(v -> in.apply(b::maxAge, v));
    return in.attempt(b::build).orElseGet(() -> builder().build());
  }

  /**
   * The allowed origins, each in its canonical form ({@code https://app.example.com}, without a
   * default port); {@code *} is not among them (see {@link #anyOrigin()}).
   */
  public Set<String> origins() {
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

  /**
   * Validates each value as it is set — an origin's form, the HTTP tokens, the max-age — and in
   * {@link #build()} what depends on several: {@code *} and {@code allow-any-origin} against
   * credentials, {@code http://} origins against {@code allow-insecure-origins}.
   */
  public static final class Builder {
    private final Set<String> origins = new LinkedHashSet<>();
    private boolean anyOrigin;
    private boolean credentials = true;
    private List<String> methods = DEFAULT_METHODS;
    private List<String> headers = DEFAULT_HEADERS;
    private List<String> exposed = DEFAULT_EXPOSED;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private boolean anyOriginAllowed;
    private boolean insecureAllowed;

    private Builder() {
    }

    /**
     * The exact origins ({@code scheme://host[:port]}) whose pages may call the API, replacing any
     * set before; {@code *} means every origin and needs {@link #allowAnyOrigin} and no
     * credentials.
     *
     * @throws IllegalArgumentException naming the first value that is not an exact origin
     */
    public Builder allowedOrigins(List<String> values) {
      Objects.requireNonNull(values, "values");
      Set<String> exact = new LinkedHashSet<>();
      boolean any = false;
      for (String value : values) {
        if ("*".equals(value)) {
          any = true;
          continue;
        }
        String problem = Origin.problem(value, true);
        if (problem != null) {
          throw new IllegalArgumentException(ConfigReader.describe(ORIGINS, value, problem));
        }
        exact.add(Origin.parse(value).orElseThrow().toString());
      }
      origins.clear();
      origins.addAll(exact);
      anyOrigin = any;
      return this;
    }

    /** Whether allowed origins get {@code Access-Control-Allow-Credentials: true} (default). */
    public Builder allowCredentials(boolean allow) {
      this.credentials = allow;
      return this;
    }

    /** The methods a preflight may ask for: HTTP tokens, no {@code *}. */
    public Builder allowedMethods(List<String> values) {
      this.methods = tokens(METHODS, values, true);
      return this;
    }

    /** The request headers a preflight may ask for: HTTP tokens, no {@code *}. */
    public Builder allowedHeaders(List<String> values) {
      this.headers = tokens(HEADERS, values, false);
      return this;
    }

    /** The response headers scripts may read: HTTP tokens, no {@code *}. */
    public Builder exposedHeaders(List<String> values) {
      this.exposed = tokens(EXPOSED, values, false);
      return this;
    }

    /** How long browsers may cache a preflight, from {@code PT0S} to {@code P1D}. */
    public Builder maxAge(Duration age) {
      if (age == null || age.isNegative() || age.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(ConfigReader.describe(MAX_AGE, age,
            "must be from PT0S to P1D, e.g. PT10M"));
      }
      this.maxAge = age;
      return this;
    }

    /** Permits {@code *} among the origins, for a deliberately public API without credentials. */
    public Builder allowAnyOrigin(boolean allow) {
      this.anyOriginAllowed = allow;
      return this;
    }

    /** Permits {@code http://} origins other than loopback ones (development only). */
    public Builder allowInsecureOrigins(boolean allow) {
      this.insecureAllowed = allow;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the first combination that is unsafe
     */
    public CorsSettings build() {
      if (anyOriginAllowed && credentials) {
        throw new IllegalArgumentException(ConfigReader.describe(ANY_ORIGIN, true, "needs "
            + CREDENTIALS + "=false: any origin with credentials would let every web site act as"
            + " the logged-in user"));
      }
      if (anyOrigin && credentials) {
        throw new IllegalArgumentException(ConfigReader.describe(ORIGINS, "*", "cannot be"
            + " combined with allow-credentials=true; list the exact origins, " + Origin.EXAMPLE));
      }
      if (anyOrigin && !anyOriginAllowed) {
        throw new IllegalArgumentException(ConfigReader.describe(ORIGINS, "*", "lets every web"
            + " site call this API; list the exact origins, " + Origin.EXAMPLE + ", or set "
            + ANY_ORIGIN + "=true for a deliberately public API without credentials"));
      }
      for (String origin : origins) {
        String problem = Origin.problem(origin, insecureAllowed);
        if (problem != null) {
          throw new IllegalArgumentException(ConfigReader.describe(ORIGINS, origin, problem));
        }
      }
      return new CorsSettings(this);
    }

    private static List<String> tokens(String property, List<String> values, boolean upper) {
      Objects.requireNonNull(values, property);
      List<String> out = new ArrayList<>();
      for (String v : values) {
        if (v == null || !v.matches("[A-Za-z0-9!#$%&'+.^_`|~-]+")) {
          throw new IllegalArgumentException(ConfigReader.describe(property, v, "must be HTTP"
              + " tokens listed one by one; * is not allowed with credentials (Fetch standard),"
              + " name each, e.g. Authorization, Content-Type"));
        }
        out.add(upper ? v.toUpperCase(Locale.ROOT) : v);
      }
      return List.copyOf(out);
    }
  }
}
