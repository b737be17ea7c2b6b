package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The protective response headers added to every response, errors included. Values are fixed at
 * start-up; per request the filter only copies them. Each is set with
 * {@code gatehouse.headers.<name>} and removed with the value {@code off}.
 *
 * <table>
 *   <caption>Headers and defaults</caption>
 *   <tr><th>property</th><th>header</th><th>default</th></tr>
 *   <tr><td>content-type-options</td><td>X-Content-Type-Options</td><td>nosniff</td></tr>
 *   <tr><td>frame-options</td><td>X-Frame-Options</td><td>DENY</td></tr>
 *   <tr><td>content-security-policy</td><td>Content-Security-Policy</td>
 *       <td>default-src 'none'; frame-ancestors 'none'</td></tr>
 *   <tr><td>referrer-policy</td><td>Referrer-Policy</td><td>no-referrer</td></tr>
 *   <tr><td>cross-origin-resource-policy</td><td>Cross-Origin-Resource-Policy</td>
 *       <td>same-origin</td></tr>
 *   <tr><td>cross-origin-opener-policy</td><td>Cross-Origin-Opener-Policy</td>
 *       <td>same-origin</td></tr>
 *   <tr><td>cross-origin-embedder-policy</td><td>Cross-Origin-Embedder-Policy</td>
 *       <td>require-corp</td></tr>
 *   <tr><td>permissions-policy</td><td>Permissions-Policy</td><td>every powerful feature
 *       denied: {@code accelerometer=(), camera=(), geolocation=(), ...}</td></tr>
 *   <tr><td>permitted-cross-domain-policies</td><td>X-Permitted-Cross-Domain-Policies</td>
 *       <td>none</td></tr>
 *   <tr><td>cache-control</td><td>Cache-Control</td><td>no-store</td></tr>
 *   <tr><td>clear-site-data</td><td>Clear-Site-Data</td><td>"cache","cookies","storage" — only
 *       on responses of {@link ClearSiteData} methods (logout)</td></tr>
 * </table>
 *
 * <p>The set follows the OWASP Secure Headers Project's recommendations.
 *
 * <p>{@code Cache-Control} is a default: a resource that sets its own keeps it, except that a
 * response to an authenticated request is always {@code no-store} (RFC 9111 §5.2.2.5), so that no
 * cache keeps one user's data for another.
 *
 * <pre>{@code
 * SecurityHeaders h = SecurityHeaders.builder().set("frame-options", "SAMEORIGIN").build();
 * }</pre>
 */
public final class SecurityHeaders {

  public static final String PREFIX = "gatehouse.headers.";
  public static final String OFF = "off";
  public static final String CACHE_CONTROL = "cache-control";
  public static final String CLEAR_SITE_DATA = "clear-site-data";

  /** Every browser feature a JSON API never needs, denied (OWASP Secure Headers Project). */
  static final String DENY_ALL_FEATURES = "accelerometer=(), autoplay=(), camera=(),"
      + " display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(),"
      + " magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(),"
      + " publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(),"
      + " web-share=(), xr-spatial-tracking=()";

  private static final Map<String, String> NAMES = ordered(
      "content-type-options", "X-Content-Type-Options",
      "frame-options", "X-Frame-Options",
      "content-security-policy", "Content-Security-Policy",
      "referrer-policy", "Referrer-Policy",
      "cross-origin-resource-policy", "Cross-Origin-Resource-Policy",
      "cross-origin-opener-policy", "Cross-Origin-Opener-Policy",
      "cross-origin-embedder-policy", "Cross-Origin-Embedder-Policy",
      "permissions-policy", "Permissions-Policy",
      "permitted-cross-domain-policies", "X-Permitted-Cross-Domain-Policies",
      CACHE_CONTROL, "Cache-Control",
      CLEAR_SITE_DATA, "Clear-Site-Data");

  /** The defaults, by property suffix. */
  public static final Map<String, String> DEFAULTS = ordered(
      "content-type-options", "nosniff",
      "frame-options", "DENY",
      "content-security-policy", "default-src 'none'; frame-ancestors 'none'",
      "referrer-policy", "no-referrer",
      "cross-origin-resource-policy", "same-origin",
      "cross-origin-opener-policy", "same-origin",
      "cross-origin-embedder-policy", "require-corp",
      "permissions-policy", DENY_ALL_FEATURES,
      "permitted-cross-domain-policies", "none",
      CACHE_CONTROL, "no-store",
      CLEAR_SITE_DATA, "\"cache\",\"cookies\",\"storage\"");

  private static final Map<String, List<String>> ALLOWED = Map.of(
      "content-type-options", List.of("nosniff"),
      "frame-options", List.of("DENY", "SAMEORIGIN"),
      "referrer-policy", List.of("no-referrer", "no-referrer-when-downgrade", "origin",
          "origin-when-cross-origin", "same-origin", "strict-origin",
          "strict-origin-when-cross-origin"),
      "cross-origin-resource-policy", List.of("same-origin", "same-site", "cross-origin"),
      "cross-origin-opener-policy", List.of("same-origin", "same-origin-allow-popups",
          "unsafe-none", "noopener-allow-popups"),
      "cross-origin-embedder-policy", List.of("require-corp", "credentialless", "unsafe-none"),
      "permitted-cross-domain-policies", List.of("none", "master-only", "by-content-type",
          "by-ftp-filename", "all"));

  /** Clear-Site-Data directives (W3C Clear Site Data §3.1). */
  private static final java.util.regex.Pattern CLEAR_SITE_DATA_VALUE = java.util.regex.Pattern
      .compile("\"(cache|cookies|storage|executionContexts|\\*)\""
          + "(\\s*,\\s*\"(cache|cookies|storage|executionContexts|\\*)\")*");

  private final Map<String, String> always;
  private final String cacheControl;
  private final String clearSiteData;

  private SecurityHeaders(Map<String, String> values) {
    Map<String, String> fixed = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      if (!key.equals(CACHE_CONTROL) && !key.equals(CLEAR_SITE_DATA) && value != null) {
        fixed.put(NAMES.get(key), value);
      }
    });
    this.always = Collections.unmodifiableMap(fixed);
    this.cacheControl = values.get(CACHE_CONTROL);
    this.clearSiteData = values.get(CLEAR_SITE_DATA);
  }

  public static SecurityHeaders ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static SecurityHeaders fromConfig(Config config) {
    return ConfigReader.read(config, SecurityHeaders::read);
  }

  static SecurityHeaders read(ConfigReader in) {
    Builder b = builder();
    for (String key : NAMES.keySet()) {
      in.string(PREFIX + key).ifPresent(v -> in.apply(value -> b.set(key, value), v));
    }
    return b.build();
  }

  /** Header name to value, for the headers every response carries. */
  public Map<String, String> always() {
    return always;
  }

  /** The {@code Clear-Site-Data} value for {@link ClearSiteData} methods; empty when turned off. */
  public Optional<String> clearSiteData() {
    return Optional.ofNullable(clearSiteData);
  }

  /** The default {@code Cache-Control} for responses that set none; empty when turned off. */
  public Optional<String> cacheControl() {
    return Optional.ofNullable(cacheControl);
  }

  @Override
  public String toString() {
    return "SecurityHeaders" + always + ", Cache-Control default " + cacheControl;
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Validates each header value as it is set. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

    private Builder() {
    }

    /**
     * Sets one header by its property suffix (e.g. {@code frame-options}); {@code off} removes it.
     */
    public Builder set(String key, String value) {
      String property = PREFIX + key;
      if (!NAMES.containsKey(key)) {
        throw new IllegalArgumentException(ConfigReader.describe(property, value,
            "is not a header Gatehouse manages; use one of " + NAMES.keySet()));
      }
      if (value == null || value.isBlank() || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(ConfigReader.describe(property, value,
            "must be a printable ASCII header value, or off to remove the header"));
      }
      String v = value.trim();
      if (v.equalsIgnoreCase(OFF)) {
        values.put(key, null);
        return this;
      }
      if (key.equals(CLEAR_SITE_DATA) && !CLEAR_SITE_DATA_VALUE.matcher(v).matches()) {
        throw new IllegalArgumentException(ConfigReader.describe(property, value,
            "must list quoted directives (\"cache\", \"cookies\", \"storage\","
                + " \"executionContexts\" or \"*\") separated by commas, or off, e.g. "
                + DEFAULTS.get(key)));
      }
      List<String> allowed = ALLOWED.get(key);
      if (allowed != null && allowed.stream().noneMatch(v::equalsIgnoreCase)) {
        throw new IllegalArgumentException(ConfigReader.describe(property, value,
            "is not a valid " + NAMES.get(key) + " value; use one of " + allowed
                + " or off, e.g. " + DEFAULTS.get(key)));
      }
      values.put(key, v);
      return this;
    }

    public SecurityHeaders build() {
      return new SecurityHeaders(values);
    }
  }
}
