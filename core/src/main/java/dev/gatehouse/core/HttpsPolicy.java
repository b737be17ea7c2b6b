package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * HTTPS enforcement: the {@code Strict-Transport-Security} header (RFC 6797) on responses to HTTPS
 * requests, and optionally a 308 redirect of plain-HTTP requests to {@code https://}. A request is
 * HTTPS when it arrived over TLS, or when a trusted proxy (see {@link TrustedProxies}) says so in
 * {@code Forwarded: proto=https} or {@code X-Forwarded-Proto: https}; the same headers from an
 * untrusted peer change nothing.
 *
 * <ul>
 *   <li>{@code gatehouse.https.hsts} (default {@code true})
 *   <li>{@code gatehouse.https.hsts-max-age} (default {@code P365D}, at least {@code P1D})
 *   <li>{@code gatehouse.https.hsts-include-subdomains} (default {@code true})
 *   <li>{@code gatehouse.https.hsts-preload} (default {@code false}; needs a max-age of a year
 *       and includeSubDomains, as the preload list requires)
 *   <li>{@code gatehouse.https.redirect} (default {@code false}): answer plain HTTP with 308
 *   <li>{@code gatehouse.https.redirect-host}: the canonical host name redirect targets use —
 *       required with redirects, since the request's {@code Host} header is the client's to
 *       choose (a redirect to {@code https://evil.example/...} that keeps a POST body)
 *   <li>{@code gatehouse.https.port} (default 443): the port in redirect targets
 * </ul>
 */
public final class HttpsPolicy {

  public static final String HSTS = "gatehouse.https.hsts";
  public static final String MAX_AGE = "gatehouse.https.hsts-max-age";
  public static final String INCLUDE_SUBDOMAINS = "gatehouse.https.hsts-include-subdomains";
  public static final String PRELOAD = "gatehouse.https.hsts-preload";
  public static final String REDIRECT = "gatehouse.https.redirect";
  public static final String PORT = "gatehouse.https.port";
  public static final String REDIRECT_HOST = "gatehouse.https.redirect-host";

  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(365);
  public static final int DEFAULT_PORT = 443;

  private final String hstsValue;
  private final boolean redirect;
  private final String redirectHost;
  private final int port;

  private HttpsPolicy(Builder b) {
    this.hstsValue = b.hsts ? "max-age=" + b.maxAge.toSeconds()
        + (b.includeSubdomains ? "; includeSubDomains" : "") + (b.preload ? "; preload" : "")
        : null;
    this.redirect = b.redirect;
    this.redirectHost = b.redirectHost;
    this.port = b.port;
  }

  public static HttpsPolicy ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static HttpsPolicy fromConfig(Config config) {
    return ConfigReader.read(config, HttpsPolicy::read);
  }

  static HttpsPolicy read(ConfigReader in) {
    Builder b = builder();
    in.bool(HSTS).ifPresent(v -> in.apply(b::hsts, v));
    in.duration(MAX_AGE).ifPresent(v -> in.apply(b::maxAge, v));
    in.bool(INCLUDE_SUBDOMAINS).ifPresent(v -> in.apply(b::includeSubdomains, v));
    in.bool(PRELOAD).ifPresent(v -> in.apply(b::preload, v));
    in.bool(REDIRECT).ifPresent(v -> in.apply(b::redirect, v));
    in.string(REDIRECT_HOST).ifPresent(v -> in.apply(b::redirectHost, v));
    in.longValue(PORT).ifPresent(v -> in.apply(b::port, v));
    return in.attempt(b::build).orElseGet(HttpsPolicy::ofDefaults);
  }

  /** The {@code Strict-Transport-Security} value, computed once; empty when turned off. */
  public Optional<String> hstsHeader() {
    return Optional.ofNullable(hstsValue);
  }

  public boolean redirect() {
    return redirect;
  }

  /** The host redirect targets name, e.g. {@code api.example.com}; null when redirects are off. */
  public String redirectHost() {
    return redirectHost;
  }

  public int port() {
    return port;
  }

  @Override
  public String toString() {
    return "HttpsPolicy[hsts=" + hstsValue + ", redirect=" + redirect + "]";
  }

  /** Validates each value as it is set and the combination in {@link #build()}. */
  public static final class Builder {
    private boolean hsts = true;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private boolean includeSubdomains = true;
    private boolean preload;
    private boolean redirect;
    private String redirectHost;
    private int port = DEFAULT_PORT;

    private Builder() {
    }

    public Builder hsts(boolean on) {
      this.hsts = on;
      return this;
    }

    public Builder maxAge(Duration age) {
      if (age == null || age.compareTo(Duration.ofDays(1)) < 0 || age.toSeconds() > 63_072_000L) {
        throw new IllegalArgumentException(ConfigReader.describe(MAX_AGE, age,
            "must be from P1D to P730D; browsers forget HSTS after max-age, e.g. P365D"));
      }
      this.maxAge = age;
      return this;
    }

    public Builder includeSubdomains(boolean on) {
      this.includeSubdomains = on;
      return this;
    }

    public Builder preload(boolean on) {
      this.preload = on;
      return this;
    }

    public Builder redirect(boolean on) {
      this.redirect = on;
      return this;
    }

    /** The canonical host name of redirect targets: a DNS name or IP literal, no scheme or path. */
    public Builder redirectHost(String host) {
      if (host == null || !host.matches("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
          + "(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+\\]")) {
        throw new IllegalArgumentException(ConfigReader.describe(REDIRECT_HOST, host,
            "must be a host name such as api.example.com (no scheme, port or path)"));
      }
      this.redirectHost = host.toLowerCase(java.util.Locale.ROOT);
      return this;
    }

    public Builder port(long p) {
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException(ConfigReader.describe(PORT, p,
            "must be a TCP port from 1 to 65535, e.g. 443"));
      }
      this.port = (int) p;
      return this;
    }

    public HttpsPolicy build() {
      if (preload && (!hsts || !includeSubdomains || maxAge.compareTo(DEFAULT_MAX_AGE) < 0)) {
        throw new IllegalArgumentException(ConfigReader.describe(PRELOAD, true,
            "needs " + HSTS + "=true, " + INCLUDE_SUBDOMAINS + "=true and " + MAX_AGE
                + " of at least P365D (the preload list's rules); set them or turn preload off"));
      }
      if (redirect && redirectHost == null) {
        throw new IllegalArgumentException(REDIRECT + "=true needs " + REDIRECT_HOST + ": the"
            + " canonical host name to redirect to, e.g. api.example.com — the request's Host"
            + " header is chosen by the client, so redirecting to it would send clients (and their"
            + " POST bodies) wherever an attacker says");
      }
      return new HttpsPolicy(this);
    }
  }
}
