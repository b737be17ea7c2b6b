package dev.gatehouse.cors.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Which policy a request path gets: the one of a {@code @CorsOrigins} endpoint whose path template
 * matches, else the configured one. Overrides are collected while the application deploys (the
 * preflight filter runs before matching, so it cannot ask the matched resource).
 */
public final class CorsRoutes {

  private record Route(Pattern path, CorsPolicy policy) {
  }

  private final CorsPolicy global;
  private final List<Route> overrides = new CopyOnWriteArrayList<>();

  CorsRoutes(CorsPolicy global) {
    this.global = global;
  }

  /** Routes with the configured policy everywhere, until overrides are added at deployment. */
  public static CorsRoutes of(dev.gatehouse.cors.CorsSettings settings) {
    return new CorsRoutes(CorsPolicy.of(settings));
  }

  void override(String template, CorsPolicy policy) {
    String regex = regex(template);
    if (overrides.stream().noneMatch(r -> r.path().pattern().equals(regex))) {
      overrides.add(new Route(Pattern.compile(regex), policy));
    }
  }

  CorsPolicy global() {
    return global;
  }

  CorsPolicy forPath(String path) {
    if (overrides.isEmpty()) {
      return global;
    }
    String p = path.startsWith("/") ? path : "/" + path;
    for (Route r : overrides) {
      if (r.path().matcher(p).matches()) {
        return r.policy();
      }
    }
    return global;
  }

  boolean hasOverrides() {
    return !overrides.isEmpty();
  }

  /** A Jakarta REST path template as a regular expression: {@code {id}} or {@code {id: re}}. */
  static String regex(String template) {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      if (literal.length() > 0) {
        out.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
      }
      int depth = 0;
      int j = i;
      for (; j < template.length(); j++) {
        if (template.charAt(j) == '{') {
          depth++;
        } else if (template.charAt(j) == '}' && --depth == 0) {
          break;
        }
      }
      String variable = template.substring(i + 1, j);
      int colon = variable.indexOf(':');
      out.append(colon < 0 ? "[^/]+" : "(?:" + variable.substring(colon + 1).trim() + ")");
      i = j + 1;
    }
    if (literal.length() > 0) {
      out.append(Pattern.quote(literal.toString()));
    }
    return out + "/?";
  }
}
