package dev.gatehouse.cors.internal;

import dev.gatehouse.cors.CorsSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One origin list with the configured methods and headers, and every header value computed once;
 * per request only lookups remain.
 */
final class CorsPolicy {

  private final Set<Origin> origins;
  /** The allowed origins' canonical texts: what browsers send, matched without parsing. */
  private final Set<String> canonical;
  private final boolean anyOrigin;
  private final boolean credentials;
  private final Set<String> methods;
  private final Set<String> headersLower;
  final String allowMethods;
  final String allowHeaders;
  final String exposeHeaders;
  final String maxAge;

  CorsPolicy(CorsSettings settings, Set<Origin> origins, boolean anyOrigin) {
    this.origins = Set.copyOf(origins);
    this.canonical = origins.stream().map(Origin::toString)
        .collect(Collectors.toUnmodifiableSet());
    this.anyOrigin = anyOrigin;
    this.credentials = settings.allowCredentials();
    this.methods = Set.copyOf(settings.methods());
    this.headersLower = settings.headers().stream().map(h -> h.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    this.allowMethods = String.join(", ", settings.methods());
    this.allowHeaders = String.join(", ", settings.headers());
    this.exposeHeaders = String.join(", ", settings.exposedHeaders());
    this.maxAge = String.valueOf(settings.maxAge().toSeconds());
  }

  static CorsPolicy of(CorsSettings settings) {
    Set<Origin> origins = settings.origins().stream().map(o -> Origin.parse(o).orElseThrow())
        .collect(Collectors.toUnmodifiableSet());
    return new CorsPolicy(settings, origins, settings.anyOrigin());
  }

  /** The value for {@code Access-Control-Allow-Origin}, if {@code originHeader} is granted. */
  Optional<String> allowOrigin(String originHeader) {
    if (originHeader != null && canonical.contains(originHeader)) {
      return Optional.of(originHeader); // the exact text of an allowed origin: parses to it
    }
    Optional<Origin> origin = Origin.parse(originHeader);
    if (origin.isEmpty()) {
      return Optional.empty();
    }
    if (origins.contains(origin.get())) {
      return Optional.of(originHeader);
    }
    return anyOrigin ? Optional.of("*") : Optional.empty();
  }

  boolean credentials() {
    return credentials && !anyOrigin;
  }

  boolean allowsMethod(String method) {
    return methods.contains(method);
  }

  /** Whether every header named in {@code Access-Control-Request-Headers} is allowed. */
  boolean allowsHeaders(String requestHeaders) {
    if (requestHeaders == null || requestHeaders.isBlank()) {
      return true;
    }
    for (String h : requestHeaders.split(",")) {
      String name = h.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !headersLower.contains(name)) {
        return false;
      }
    }
    return true;
  }
}
