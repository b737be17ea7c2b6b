package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.JwtSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A JWKS published at a URL ({@code gatehouse.jwt.verify-keys-url}), as an identity provider
 * serves it (Keycloak's {@code /protocol/openid-connect/certs}, Auth0's
 * {@code /.well-known/jwks.json}): the address checked — HTTPS, or plain HTTP to the loopback
 * interface only, no credentials in it — and the document fetched with the JDK's
 * {@link HttpURLConnection} (what jose4j's {@code Get}, behind smallrye-jwt's own JWKS resolver,
 * wraps; its wrapper is not used because it reports any status but 200 as an I/O error): the
 * JVM's trust store, host-name check and proxy settings, one attempt with connect and read
 * bounded by the timeout, no redirect followed, at most {@link #MAX_BYTES}, status 200 only.
 * Refusals name the property and the URL, never key material. What the document holds is
 * {@link JwksKeys}'s business.
 */
public final class JwksUrl {

  /** The largest document read: a JWKS of a few dozen RSA keys is well under 64 KiB. */
  static final int MAX_BYTES = 1 << 20;

  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");
  private static final String EXAMPLE = "e.g. https://auth.example.com/.well-known/jwks.json";

  private JwksUrl() {
  }

  /**
   * The URL, checked.
   *
   * @throws IllegalArgumentException naming {@code gatehouse.jwt.verify-keys-url} and the rule
   */
  public static URI check(String url) {
    return check(JwtSettings.VERIFY_KEYS_URL, url);
  }

  /**
   * The URL {@code property} holds, checked by the same rules.
   *
   * @throws IllegalArgumentException naming {@code property} and the rule
   */
  static URI check(String property, String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.trim());
    } catch (URISyntaxException e) {
      throw refused(property, url, "is not a URL; " + EXAMPLE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw refused(property, url, "is not an https URL; " + EXAMPLE);
    }
    if (uri.getRawUserInfo() != null) {
      throw refused(property, uri.getHost(), "carries credentials in the URL, where logs and reports"
          + " would show them; a JWKS is public, serve it without credentials");
    }
    if (uri.getRawFragment() != null) {
      throw refused(property, url, "has a fragment (#…), which is never sent; remove it");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw refused(property, url, "must use https: keys fetched over plain HTTP can be replaced on the"
          + " way, and with them every token accepted (http is allowed only to the loopback"
          + " interface, e.g. http://127.0.0.1:8180/jwks for a local identity provider)");
    }
    return uri;
  }

  /** Loopback by its text alone — never resolved, so no DNS answer can make a host loopback. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches()) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      try {
        // a bracketed IPv6 literal is parsed, never looked up
        return InetAddress.getByName(h).isLoopbackAddress();
      } catch (UnknownHostException notALiteral) {
        return false;
      }
    }
    return false;
  }

  /**
   * The document at {@code url}, fetched once.
   *
   * @throws IllegalArgumentException naming the property, the URL and what went wrong
   */
  static String fetch(URI url, Duration timeout) {
    return fetch(JwtSettings.VERIFY_KEYS_URL, url, timeout, "a JWKS document");
  }

  /**
   * The document at {@code url}, which {@code property} led to, fetched once.
   *
   * @param what what the document should be, for messages
   * @throws IllegalArgumentException naming the property, the URL and what went wrong
   */
  static String fetch(String property, URI url, Duration timeout, String what) {
    Answer answer;
    try {
      answer = get(url, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    } catch (IOException | RuntimeException e) {
      throw refused(property, url.toString(), "could not be fetched (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + printable(e.getMessage()))
          + "); check that the URL is right, that the server is reachable from here within "
          + JwtSettings.VERIFY_KEYS_URL_TIMEOUT + " (" + timeout + ") and, for https, that its"
          + " certificate is trusted by this JVM");
    }
    if (answer.status() != 200) {
      throw refused(property, url.toString(), "answered HTTP " + answer.status() + " instead of"
          + " 200 with " + what + (answer.status() / 100 == 3 ? " (redirects are not followed: set"
          + " the URL it redirects to)" : ""));
    }
    if (answer.body().length > MAX_BYTES) {
      throw refused(property, url.toString(), "answered with more than " + MAX_BYTES + " bytes,"
          + " which is not " + what);
    }
    String text = new String(answer.body(), StandardCharsets.UTF_8); // JSON: UTF-8, RFC 8259
    if (text.isBlank()) {
      throw refused(property, url.toString(), "answered with an empty body instead of " + what);
    }
    return text;
  }

  /** A status, and for 200 up to {@code MAX_BYTES + 1} bytes of the body. */
  private record Answer(int status, byte[] body) {
  }

  private static Answer get(URI url, int timeoutMillis) throws IOException {
    HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection();
    try {
      http.setConnectTimeout(timeoutMillis);
      http.setReadTimeout(timeoutMillis);
      http.setInstanceFollowRedirects(false); // a redirect could leave https or the loopback
      http.setUseCaches(false);
      http.setRequestProperty("Accept", "application/jwk-set+json, application/json");
      int status = http.getResponseCode();
      if (status != 200) {
        return new Answer(status, new byte[0]);
      }
      try (InputStream in = http.getInputStream()) {
        return new Answer(status, in.readNBytes(MAX_BYTES + 1));
      }
    } finally {
      http.disconnect();
    }
  }

  private static String printable(String text) {
    String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static IllegalArgumentException refused(String property, String value, String rule) {
    return new IllegalArgumentException(ConfigReader.describe(property, value, rule));
  }
}
