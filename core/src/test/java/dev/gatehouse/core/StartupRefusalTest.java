package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invalid or unsafe settings stop the application at start, with a message naming the fix. */
class StartupRefusalTest {

  private static GatehouseConfigException refusal(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class);
  }

  private static String refusalFor(String property, String value) {
    GatehouseConfigException e = refusal(Fixtures.server().property(property, value));
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void refusesANegativeBodyLimit() {
    assertThat(refusalFor("gatehouse.body.max-bytes", "-1")).isEqualTo(
        "gatehouse.body.max-bytes: \"-1\" must be a whole number written with digits only");
  }

  @Test
  void refusesAZeroBodyLimit() {
    assertThat(refusalFor("gatehouse.body.max-bytes", "0")).isEqualTo(
        "gatehouse.body.max-bytes: \"0\" must be a whole number of bytes from 1 to 2147483647;"
            + " e.g. 1048576 for 1 MiB");
  }

  @Test
  void refusesTrustingEveryAddress() {
    assertThat(refusalFor("gatehouse.proxy.trusted", "10.0.0.0/8, 0.0.0.0/0")).isEqualTo(
        "gatehouse.proxy.trusted: \"0.0.0.0/0\" trusts every address, so any client could forge"
            + " its address with X-Forwarded-For; list only your proxies' networks, e.g. 10.0.0.0/8");
  }

  @Test
  void refusesAHostNameAsTrustedProxy() {
    assertThat(refusalFor("gatehouse.proxy.trusted", "proxy.internal")).isEqualTo(
        "gatehouse.proxy.trusted: \"proxy.internal\" is not an IP address or CIDR network; use"
            + " e.g. 10.0.0.0/8, 192.168.1.10 or fd00::/8");
  }

  @Test
  void refusesAClientIpHeaderWithoutTrustedProxies() {
    assertThat(refusalFor("gatehouse.proxy.client-ip-header", "X-Real-IP")).isEqualTo(
        "gatehouse.proxy.client-ip-header: \"X-Real-IP\" has no effect without"
            + " gatehouse.proxy.trusted; list the proxies that set it");
  }

  @Test
  void refusesPreloadWithoutItsPrerequisites() {
    GatehouseConfigException e = refusal(Fixtures.server()
        .property("gatehouse.https.hsts-preload", "true")
        .property("gatehouse.https.hsts-include-subdomains", "false"));
    assertThat(e.problems()).containsExactly("gatehouse.https.hsts-preload: \"true\" needs"
        + " gatehouse.https.hsts=true, gatehouse.https.hsts-include-subdomains=true and"
        + " gatehouse.https.hsts-max-age of at least P365D (the preload list's rules); set them or"
        + " turn preload off");
  }

  @Test
  void refusesAnUnparseableDuration() {
    assertThat(refusalFor("gatehouse.https.hsts-max-age", "1 year")).isEqualTo(
        "gatehouse.https.hsts-max-age: \"1 year\" must be an ISO-8601 duration, e.g. PT15M or P14D");
  }

  @Test
  void refusesAnInvalidHeaderValue() {
    assertThat(refusalFor("gatehouse.headers.frame-options", "ALLOWALL")).isEqualTo(
        "gatehouse.headers.frame-options: \"ALLOWALL\" is not a valid X-Frame-Options value; use"
            + " one of [DENY, SAMEORIGIN] or off, e.g. DENY");
  }

  @Test
  void refusesAHugePageSize() {
    assertThat(refusalFor("gatehouse.paging.max-size", "100000")).isEqualTo(
        "gatehouse.paging.max-size: \"100000\" must be from 1 to 10000; large pages let one call"
            + " read a whole table, e.g. 100");
  }

  @Test
  void refusesAFuzzyBoolean() {
    assertThat(refusalFor("gatehouse.docs.enabled", "yes")).isEqualTo(
        "gatehouse.docs.enabled: \"yes\" must be true or false");
  }

  @Test
  void refusesEnabledDocsWithoutRoles() {
    GatehouseConfigException e = refusal(Fixtures.server()
        .property("gatehouse.docs.enabled", "true").property("gatehouse.docs.roles", " , "));
    assertThat(e.problems()).containsExactly(
        "gatehouse.docs.roles: \"[]\" must list at least one role name, e.g. admin; docs are"
            + " never public");
  }

  @Test
  void refusesJsonLimitsOutOfRange() {
    assertThat(refusalFor("gatehouse.json.max-nesting-depth", "5000")).isEqualTo(
        "gatehouse.json.max-nesting-depth: \"5000\" must be from 1 to 1000, e.g. 64");
  }

  @Test
  void refusesAControlCharacterSettingThatIsNotABoolean() {
    assertThat(refusalFor("gatehouse.json.allow-control-characters", "sometimes")).isEqualTo(
        "gatehouse.json.allow-control-characters: \"sometimes\" must be true or false");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    GatehouseConfigException e = refusal(Fixtures.server().properties(Map.of(
        "gatehouse.body.max-bytes", "lots",
        "gatehouse.proxy.trusted", "0.0.0.0/0",
        "gatehouse.headers.referrer-policy", "unsafe-url")));
    assertThat(e.problems()).hasSize(3);
    assertThat(e.getMessage()).startsWith("Gatehouse refuses to start (3 problems):");
  }

  /** An endpoint with an impossible per-method body limit. */
  @Path("/bad")
  public static class BadLimitResource {
    @POST
    @MaxBodySize(0)
    public void upload(String body) {
    }
  }

  @Test
  void refusesAnImpossibleMethodBodyLimit() {
    GatehouseConfigException e = refusal(Fixtures.server().register(BadLimitResource.class));
    assertThat(e.problems()).containsExactly("@MaxBodySize on BadLimitResource#upload: \"0\" must"
        + " be from 1 to 2147483647 bytes");
  }

  @Test
  void refusesToStartWhenWildFlyWouldServeOpenApiOutsideTheDocsGate() {
    assertThat(refusalFor("mp.openapi.extensions.enabled", "true")).isEqualTo(
        "mp.openapi.extensions.enabled: \"true\" makes WildFly serve /openapi by itself, to"
            + " anyone, outside Gatehouse's docs gate; set it to false and serve documentation"
            + " through a resource (gatehouse.docs.enabled and gatehouse.docs.roles)");
  }

  /** Role annotations, but no Gatehouse module here that enforces them (no gatehouse-jwt). */
  @Path("/roles")
  @jakarta.annotation.security.RolesAllowed("admin")
  public static class RolesWithoutJwt {
    @jakarta.ws.rs.GET
    public String get() {
      return "secret";
    }

    @jakarta.ws.rs.DELETE
    @jakarta.annotation.security.DenyAll
    public void delete() {
    }
  }

  @Test
  void refusesRoleAnnotationsThatNoModuleEnforces() {
    GatehouseConfigException e = refusal(Fixtures.server().register(RolesWithoutJwt.class));
    assertThat(e.problems()).containsExactly(
        "RolesWithoutJwt#delete: @DenyAll is enforced by no Gatehouse module here, so it would be"
            + " ignored; add the dependency dev.gatehouse:gatehouse-jwt (bearer authentication and"
            + " access control)",
        "RolesWithoutJwt#delete: @RolesAllowed is enforced by no Gatehouse module here, so it"
            + " would be ignored; add the dependency dev.gatehouse:gatehouse-jwt (bearer"
            + " authentication and access control)",
        "RolesWithoutJwt#get: @RolesAllowed is enforced by no Gatehouse module here, so it would"
            + " be ignored; add the dependency dev.gatehouse:gatehouse-jwt (bearer authentication"
            + " and access control)");
  }

  @Test
  void refusesAClearSiteDataValueBrowsersWouldIgnore() {
    assertThat(refusalFor("gatehouse.headers.clear-site-data", "cache, cookies")).startsWith(
        "gatehouse.headers.clear-site-data: \"cache, cookies\" must list quoted directives");
  }

  @Test
  void refusesAnUnknownForwardingHeader() {
    assertThat(refusalFor("gatehouse.proxy.forwarding-header", "x-real-ip")).isEqualTo(
        "gatehouse.proxy.forwarding-header: \"x-real-ip\" must be x-forwarded-for or forwarded:"
            + " the header your proxies write");
  }

  @Test
  void refusesHttpsRedirectsWithoutACanonicalHost() {
    assertThat(refusalFor("gatehouse.https.redirect", "true")).isEqualTo(
        "gatehouse.https.redirect=true needs gatehouse.https.redirect-host: the canonical host name"
            + " to redirect to, e.g. api.example.com — the request's Host header is chosen by the"
            + " client, so redirecting to it would send clients (and their POST bodies) wherever an"
            + " attacker says");
    assertThat(refusalFor("gatehouse.https.redirect-host", "https://api.example.com/")).isEqualTo(
        "gatehouse.https.redirect-host: \"https://api.example.com/\" must be a host name such as"
            + " api.example.com (no scheme, port or path)");
  }

  @Test
  void refusalMessagesNeverPrintMoreThanTheValue() {
    String message = refusalFor("gatehouse.body.max-bytes", "x".repeat(500) + "\u0007");
    assertThat(message.length()).isLessThan(320);
    assertThat(message).doesNotContain("\u0007");
  }
}
