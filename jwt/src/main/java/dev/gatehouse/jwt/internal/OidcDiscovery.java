package dev.gatehouse.jwt.internal;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.JwtSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * OpenID Connect Discovery 1.0 (§4) for {@code gatehouse.jwt.oidc-issuer}: the provider's
 * {@code /.well-known/openid-configuration}, fetched by the rules of a JWKS URL ({@link JwksUrl}:
 * https except to loopback, no redirect, size cap, timeout), must name exactly the configured
 * issuer (§4.3: a document for another issuer is refused, so a look-alike address cannot choose
 * the keys), and its {@code jwks_uri}, checked by the same rules, is where the keys come from.
 */
public final class OidcDiscovery {

  private OidcDiscovery() {
  }

  /** The issuer, checked as a URL a discovery document can be fetched from. */
  public static URI checkIssuer(String issuer) {
    return JwksUrl.check(JwtSettings.OIDC_ISSUER, issuer);
  }

  /**
   * The {@code jwks_uri} of {@code issuer}'s discovery document, fetched now.
   *
   * @throws IllegalArgumentException naming {@code gatehouse.jwt.oidc-issuer}: the document could
   *     not be fetched, is not one, names another issuer, or has no usable {@code jwks_uri}
   */
  public static URI jwksUri(String issuer, Duration timeout) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI document = JwksUrl.check(JwtSettings.OIDC_ISSUER, base + "/.well-known/openid-configuration");
    String text = JwksUrl.fetch(JwtSettings.OIDC_ISSUER, document, timeout,
        "an OpenID Connect discovery document");
    Map<String, Object> json;
    try {
      json = JsonUtil.parseJson(text);
    } catch (JoseException | RuntimeException e) {
      throw refused(document, "did not answer with a JSON discovery document");
    }
    Object named = json.get("issuer");
    if (!issuer.equals(named)) {
      throw new IllegalArgumentException(ConfigReader.describe(JwtSettings.OIDC_ISSUER, issuer,
          "is not the issuer its discovery document names (" + (named instanceof String n
              ? "\"" + KeyPolicy.printable(n) + "\"" : "none") + "); set the issuer exactly as"
          + " its tokens' iss claim spells it, trailing slash and all (OpenID Connect Discovery"
          + " §4.3)"));
    }
    if (!(json.get("jwks_uri") instanceof String jwks)) {
      throw refused(document, "names no jwks_uri, so there are no keys to verify tokens with");
    }
    try {
      return JwksUrl.check(JwtSettings.OIDC_ISSUER, jwks);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(JwtSettings.OIDC_ISSUER + ": its discovery document's"
          + " jwks_uri is refused: " + e.getMessage().substring(JwtSettings.OIDC_ISSUER.length()
              + 2));
    }
  }

  private static IllegalArgumentException refused(URI document, String rule) {
    return new IllegalArgumentException(ConfigReader.describe(JwtSettings.OIDC_ISSUER,
        document.toString(), rule));
  }
}
