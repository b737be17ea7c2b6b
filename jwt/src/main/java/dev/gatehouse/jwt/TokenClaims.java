package dev.gatehouse.jwt;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.jwt.internal.ClaimPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an access token must carry and where its roles and scopes are read — the part of the
 * settings that differs between identity providers. The defaults are Gatehouse's own tokens and
 * MicroProfile JWT's: roles in {@code groups}, scopes in {@code scope} or {@code scp}, the API in
 * {@code aud}, a {@code jti}, and a header {@code typ} of {@code JWT} or {@code at+jwt} (or none).
 * The relaxations — {@code require-jti=false}, an audience read from another claim — are for a
 * service that only verifies an external issuer's tokens: {@link JwtSettings.Builder#build()}
 * refuses them when the service signs tokens itself.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>default</th></tr>
 *   <tr><td>gatehouse.jwt.roles-claims</td><td>groups</td></tr>
 *   <tr><td>gatehouse.jwt.scopes-claims</td><td>scope, scp</td></tr>
 *   <tr><td>gatehouse.jwt.audience-claim</td><td>aud</td></tr>
 *   <tr><td>gatehouse.jwt.authorized-parties</td><td>none: azp not checked</td></tr>
 *   <tr><td>gatehouse.jwt.require-jti</td><td>true</td></tr>
 *   <tr><td>gatehouse.jwt.token-types</td><td>JWT, at+jwt</td></tr>
 * </table>
 *
 * <pre>{@code
 * // Keycloak: realm roles and this API's client roles, scopes from "scope"
 * TokenClaims claims = TokenClaims.builder()
 *     .rolesClaims("realm_access.roles", "resource_access.notes-api.roles")
 *     .build();
 * }</pre>
 */
public final class TokenClaims {

  /** Where roles are read: claim names or paths, e.g. {@code realm_access.roles}; a list. */
  public static final String ROLES_CLAIMS = "gatehouse.jwt.roles-claims";
  /** Where scopes are read: claim names or paths holding a space-separated string or an array. */
  public static final String SCOPES_CLAIMS = "gatehouse.jwt.scopes-claims";
  /** The claim that must name this API ({@code gatehouse.jwt.audience}). */
  public static final String AUDIENCE_CLAIM = "gatehouse.jwt.audience-claim";
  /** The clients ({@code azp}, {@code client_id}, {@code appid}, {@code cid}) accepted; unset: any. */
  public static final String AUTHORIZED_PARTIES = "gatehouse.jwt.authorized-parties";
  /** Whether a token without {@code jti} is refused. */
  public static final String REQUIRE_JTI = "gatehouse.jwt.require-jti";
  /** The header {@code typ} values accepted. */
  public static final String TOKEN_TYPES = "gatehouse.jwt.token-types";

  public static final List<String> DEFAULT_ROLES_CLAIMS = List.of("groups");
  public static final List<String> DEFAULT_SCOPES_CLAIMS = List.of("scope", "scp");
  public static final String DEFAULT_AUDIENCE_CLAIM = "aud";
  public static final Set<String> DEFAULT_TOKEN_TYPES = Set.of("JWT", "at+jwt");

  private static final TokenClaims DEFAULTS = new Builder().build();

  private final List<ClaimPath> roles;
  private final List<ClaimPath> scopes;
  private final String audienceClaim;
  private final Set<String> authorizedParties;
  private final boolean requireJti;
  private final Set<String> tokenTypes;

  private TokenClaims(Builder b) {
    this.roles = List.copyOf(b.roles);
    this.scopes = List.copyOf(b.scopes);
    this.audienceClaim = b.audienceClaim;
    this.authorizedParties = Set.copyOf(b.authorizedParties);
    this.requireJti = b.requireJti;
    this.tokenTypes = Set.copyOf(b.tokenTypes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every default: Gatehouse's own tokens. */
  public static TokenClaims defaults() {
    return DEFAULTS;
  }

  /** Reads the properties of the table above into {@code b}, recording each refused value. */
  static void read(ConfigReader in, Builder b) {
    in.list(ROLES_CLAIMS).ifPresent(v -> in.apply(b::rolesClaims, v));
    in.list(SCOPES_CLAIMS).ifPresent(v -> in.apply(b::scopesClaims, v));
    in.string(AUDIENCE_CLAIM).ifPresent(v -> in.apply(b::audienceClaim, v));
    in.list(AUTHORIZED_PARTIES).ifPresent(v -> in.apply(b::authorizedParties, v));
    in.bool(REQUIRE_JTI).ifPresent(v -> in.apply(b::requireJti, v));
    in.list(TOKEN_TYPES).ifPresent(v -> in.apply(b::tokenTypes, v));
  }

  /** Where roles are read (claim names or paths), in order; the roles are all names found. */
  public List<String> rolesClaims() {
    return roles.stream().map(ClaimPath::text).toList();
  }

  /** Where scopes are read (claim names or paths), in order; the scopes are all names found. */
  public List<String> scopesClaims() {
    return scopes.stream().map(ClaimPath::text).toList();
  }

  /** The claim that must name the API; {@code aud} unless set. */
  public String audienceClaim() {
    return audienceClaim;
  }

  /** The {@code azp} values accepted; empty when {@code azp} is not checked. */
  public Set<String> authorizedParties() {
    return authorizedParties;
  }

  public boolean requireJti() {
    return requireJti;
  }

  /** The header {@code typ} values accepted, as configured. */
  public Set<String> tokenTypes() {
    return tokenTypes;
  }

  /** Whether a token without a header {@code typ} is accepted: only when {@code JWT} is. */
  public boolean acceptsUntyped() {
    return tokenTypes.contains("JWT");
  }

  /**
   * Whether a header {@code typ} is accepted: compared ignoring case, {@code application/}
   * omitted (RFC 7515 §4.1.9).
   */
  public boolean acceptsType(String typ) {
    String t = typ.regionMatches(true, 0, "application/", 0, 12) ? typ.substring(12) : typ;
    for (String accepted : tokenTypes) {
      if (accepted.equalsIgnoreCase(t)) {
        return true;
      }
    }
    return false;
  }

  /** The settings that loosen what Gatehouse's own tokens must carry, as property=value. */
  List<String> relaxations() {
    List<String> out = new ArrayList<>();
    if (!requireJti) {
      out.add(REQUIRE_JTI + "=false");
    }
    if (!audienceClaim.equals(DEFAULT_AUDIENCE_CLAIM)) {
      out.add(AUDIENCE_CLAIM + "=" + audienceClaim);
    }
    return out;
  }

  @Override
  public String toString() {
    return "roles from " + roles + ", scopes from " + scopes + ", audience in " + audienceClaim
        + (authorizedParties.isEmpty() ? "" : ", client in " + new java.util.TreeSet<>(authorizedParties))
        + (requireJti ? "" : ", jti optional") + ", typ " + new java.util.TreeSet<>(tokenTypes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenClaims t && roles.equals(t.roles) && scopes.equals(t.scopes)
        && audienceClaim.equals(t.audienceClaim) && authorizedParties.equals(t.authorizedParties)
        && requireJti == t.requireJti && tokenTypes.equals(t.tokenTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(roles, scopes, audienceClaim, authorizedParties, requireJti, tokenTypes);
  }

  /** Each setter validates its value at once, naming the property. */
  public static final class Builder {
    private List<ClaimPath> roles = paths(ROLES_CLAIMS, DEFAULT_ROLES_CLAIMS);
    private List<ClaimPath> scopes = paths(SCOPES_CLAIMS, DEFAULT_SCOPES_CLAIMS);
    private String audienceClaim = DEFAULT_AUDIENCE_CLAIM;
    private Set<String> authorizedParties = Set.of();
    private boolean requireJti = true;
    private Set<String> tokenTypes = DEFAULT_TOKEN_TYPES;

    private Builder() {
    }

    /**
     * Claim names or paths roles are read from, e.g. {@code realm_access.roles},
     * {@code resource_access.notes-api.roles}, {@code roles}, {@code cognito:groups},
     * {@code "https://notes.example.com/roles"}; default {@code groups}.
     */
    public Builder rolesClaims(String... paths) {
      return rolesClaims(List.of(paths));
    }

    public Builder rolesClaims(List<String> paths) {
      this.roles = paths(ROLES_CLAIMS, paths);
      return this;
    }

    /** Claim names or paths scopes are read from; default {@code scope, scp}. */
    public Builder scopesClaims(String... paths) {
      return scopesClaims(List.of(paths));
    }

    public Builder scopesClaims(List<String> paths) {
      this.scopes = paths(SCOPES_CLAIMS, paths);
      return this;
    }

    /**
     * The claim holding this API's name — {@code aud} (default), or {@code client_id} for Amazon
     * Cognito's access tokens, which carry no {@code aud}. Only for a service that does not issue
     * tokens itself.
     */
    public Builder audienceClaim(String claim) {
      if (claim == null || !claim.matches("[A-Za-z0-9_:.\\-]{1,64}")) {
        throw new IllegalArgumentException(ConfigReader.describe(AUDIENCE_CLAIM, claim,
            "must be one claim name, e.g. aud or client_id"));
      }
      this.audienceClaim = claim;
      return this;
    }

    /**
     * The clients whose tokens are accepted, by the client the token names: its {@code azp} (the
     * OpenID Connect authorized party: Keycloak, Entra ID v2, Auth0), else {@code client_id}
     * (RFC 9068, Cognito), {@code appid} (Entra ID v1) or {@code cid} (Okta), the first present;
     * a token naming none is then refused. Default: none, the client not checked.
     */
    public Builder authorizedParties(String... clients) {
      return authorizedParties(List.of(clients));
    }

    public Builder authorizedParties(List<String> clients) {
      Set<String> set = new LinkedHashSet<>();
      for (String c : clients) {
        if (c == null || c.isBlank()) {
          throw new IllegalArgumentException(ConfigReader.describe(AUTHORIZED_PARTIES,
              String.valueOf(clients), "must list client ids, e.g. notes-web"));
        }
        set.add(c.trim());
      }
      this.authorizedParties = set;
      return this;
    }

    /**
     * Whether a token without {@code jti} is refused (default true). Without one a single token
     * cannot be deny-listed — only its session ({@code sid}) or its expiry ends it; Entra ID's
     * tokens carry {@code uti} instead. Only for a service that does not issue tokens itself.
     */
    public Builder requireJti(boolean require) {
      this.requireJti = require;
      return this;
    }

    /**
     * The header {@code typ} values accepted: {@code JWT} (which also admits a token without
     * {@code typ}) and {@code at+jwt} (RFC 9068); {@code at+jwt} alone requires RFC 9068 access
     * tokens, which no ID token can pass for.
     */
    public Builder tokenTypes(String... types) {
      return tokenTypes(List.of(types));
    }

    public Builder tokenTypes(List<String> types) {
      Set<String> set = new LinkedHashSet<>();
      for (String t : types) {
        String v = t == null ? "" : t.trim();
        if (v.equalsIgnoreCase("JWT")) {
          set.add("JWT");
        } else if (v.equalsIgnoreCase("at+jwt") || v.equalsIgnoreCase("application/at+jwt")) {
          set.add("at+jwt");
        } else {
          throw new IllegalArgumentException(ConfigReader.describe(TOKEN_TYPES, t,
              "is not a token type Gatehouse accepts; use JWT, at+jwt or both"));
        }
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException(TOKEN_TYPES + ": is empty; use JWT, at+jwt or both");
      }
      this.tokenTypes = set;
      return this;
    }

    public TokenClaims build() {
      return new TokenClaims(this);
    }

    private static List<ClaimPath> paths(String property, List<String> texts) {
      if (texts == null || texts.isEmpty()) {
        throw new IllegalArgumentException(property + ": is empty; name at least one claim");
      }
      List<ClaimPath> out = new ArrayList<>();
      for (String t : texts) {
        try {
          out.add(ClaimPath.parse(Objects.requireNonNull(t, property)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(ConfigReader.describe(property, t, e.getMessage()));
        }
      }
      return List.copyOf(out);
    }
  }
}
