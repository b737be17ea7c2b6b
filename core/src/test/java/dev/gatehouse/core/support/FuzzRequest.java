package dev.gatehouse.core.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request as a fuzz test hands it to a filter: the header lines of a fuzzer's input, with the
 * case-insensitive header map, properties and security context a Jakarta REST runtime gives a
 * {@link ContainerRequestContext}. Anything else a filter asks of it is an
 * {@link UnsupportedOperationException}, so a filter that starts to depend on more is seen at once.
 *
 * <p>Input format (readable seeds): UTF-8 text — malformed sequences become U+FFFD, as a lenient
 * server decodes them — of {@code Name: value} lines separated by line feeds; a line without a
 * colon is kept as {@link #preamble()} (the first only) or ignored. The same name twice gives two
 * values, as two header lines do.
 *
 * <pre>{@code
 * FuzzRequest r = FuzzRequest.parse(input);
 * filter.filter(r.context());
 * }</pre>
 */
public final class FuzzRequest {

  private final String preamble;
  private final MultivaluedMap<String, String> headers =
      new AbstractMultivaluedMap<>(new TreeMap<>(String.CASE_INSENSITIVE_ORDER)) {
      };
  private final Map<String, Object> properties = new HashMap<>();
  private SecurityContext security;

  private FuzzRequest(String preamble) {
    this.preamble = preamble;
  }

  /** The request of a fuzzer's input, in the format above. */
  public static FuzzRequest parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    String preamble = null;
    List<String[]> fields = new ArrayList<>();
    boolean first = true;
    for (String line : text.split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        if (first) {
          preamble = line;
        }
      } else {
        fields.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).strip()});
      }
      first = false;
    }
    FuzzRequest r = new FuzzRequest(preamble);
    for (String[] f : fields) {
      r.headers.add(f[0], f[1]);
    }
    return r;
  }

  /** A request with these header values only. */
  public static FuzzRequest withHeaders(Map<String, List<String>> values) {
    FuzzRequest r = new FuzzRequest(null);
    values.forEach((name, list) -> list.forEach(v -> r.headers.add(name, v)));
    return r;
  }

  /** The first line, when it is not a header line; null otherwise. */
  public String preamble() {
    return preamble;
  }

  public MultivaluedMap<String, String> headers() {
    return headers;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  /** The security context a filter set, or null. */
  public SecurityContext securityContext() {
    return security;
  }

  /** This request as the runtime hands it to a filter. */
  public ContainerRequestContext context() {
    return (ContainerRequestContext) Proxy.newProxyInstance(FuzzRequest.class.getClassLoader(),
        new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "getHeaders":
              return headers;
            case "getHeaderString": {
              List<String> v = headers.get((String) args[0]);
              return v == null ? null : String.join(",", v);
            }
            case "getProperty":
              return properties.get((String) args[0]);
            case "setProperty":
              properties.put((String) args[0], args[1]);
              return null;
            case "removeProperty":
              properties.remove((String) args[0]);
              return null;
            case "getPropertyNames":
              return List.copyOf(properties.keySet());
            case "getSecurityContext":
              return security;
            case "setSecurityContext":
              security = (SecurityContext) args[0];
              return null;
            case "getCookies":
              return cookies();
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            case "toString":
              return "FuzzRequest" + headers.keySet();
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  /** {@code Cookie: a=b; c=d}, split simply: cookie parsing is the runtime's, not fuzzed here. */
  private Map<String, Cookie> cookies() {
    Map<String, Cookie> out = new LinkedHashMap<>();
    List<String> lines = headers.get("Cookie");
    if (lines != null) {
      for (String line : lines) {
        for (String pair : line.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            String name = pair.substring(0, eq).trim();
            out.putIfAbsent(name, new Cookie.Builder(name).value(pair.substring(eq + 1).trim())
                .build());
          }
        }
      }
    }
    return out;
  }
}
